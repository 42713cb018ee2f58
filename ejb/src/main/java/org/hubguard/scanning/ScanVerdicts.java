package org.hubguard.scanning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

import org.hubguard.git.TreeEntry;
import org.hubguard.persistence.Generation;

/**
 * The combined verdict of files ({@link ScanService#securityOf}), kept in memory so that a download or a listing
 * asks the database (and opens a transaction) only for files whose results changed.
 * <p>
 * Correct by {@link Generation}s, not by timeouts: every transaction that writes or removes a scan result starts
 * a new generation once it has ended ({@link Changes}, an entity listener of {@link FileScan}; forgetting every
 * result does the same), and a verdict is served only in the generation it was read in.
 */
@ApplicationScoped
public class ScanVerdicts {

    /** More distinct files than this and the memory starts again (a few hundred bytes each). */
    static final int CAPACITY = 50_000;
    private static final Generation GENERATION = new Generation();

    private record Cached(long generation, FileSecurity security) {
    }

    @Inject
    ScanService scans;

    private final Map<String, Cached> verdicts = new ConcurrentHashMap<>();

    /** The verdict per content id (blob id or LFS oid) of the listed files; directories are ignored. */
    public Map<String, FileSecurity> of(List<TreeEntry> entries) {
        long generation = GENERATION.current();
        Map<String, FileSecurity> result = new HashMap<>();
        List<TreeEntry> unknown = new ArrayList<>();
        for (TreeEntry entry : entries) {
            if (!entry.isFile()) {
                continue;
            }
            Cached cached = verdicts.get(entry.contentId());
            if (cached != null && cached.generation() == generation) {
                result.put(entry.contentId(), cached.security());
            } else {
                unknown.add(entry);
            }
        }
        if (!unknown.isEmpty()) {
            Map<String, FileSecurity> read = scans.securityOf(unknown);
            if (verdicts.size() + read.size() > CAPACITY) {
                verdicts.clear();
            }
            read.forEach((id, security) -> verdicts.put(id, new Cached(generation, security)));
            result.putAll(read);
        }
        return result;
    }

    public FileSecurity of(TreeEntry file) {
        return of(List.of(file)).get(file.contentId());
    }

    /** Every verdict read so far is stale once the current transaction (or, outside one, this moment) is over. */
    static void resultsChanged() {
        GENERATION.changed();
    }

    /** The entity listener of {@link FileScan}: a row written or removed ends the generation with its transaction. */
    public static class Changes {

        @PostPersist
        @PostUpdate
        @PostRemove
        void changed(FileScan scan) {
            resultsChanged();
        }
    }
}
