package org.hubguard.scanning;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.jgit.lib.ObjectId;
import org.hubguard.git.GitReader;
import org.hubguard.git.TreeEntry;

/**
 * The scan verdict of every file of a commit, for the repository page's banner and repo info's
 * securityRepoStatus. Computing it reads every file's results (and queues what has none: a visit), so it is
 * kept: once every verdict is final it holds until the results are forgotten or clamd's signatures change;
 * while scans are pending the files still open are asked again at most twice a second, however many visitors look.
 */
@ApplicationScoped
public class RepositorySecurity {

    /**
     * How long a summary with pending scans is shown before it is computed again: a client that waits for the
     * scans sees them final within this, and many visitors still cost at most two refreshes a second.
     */
    private static final long PENDING_REFRESH_MILLIS = 500;
    private static final int MAX_KEPT = 2000;

    @Inject
    GitReader git;

    @Inject
    ScanService scans;

    @Inject
    ScanVerdicts verdicts;

    @Inject
    ClamAvScanner clamAv;

    private final Map<Key, Summary> summaries = new ConcurrentHashMap<>();

    private record Key(long repositoryId, ObjectId commit, String clamdVersion, long resultsEpoch) {
    }

    /** Every file of the commit and its verdict, by content id. */
    public record Summary(List<TreeEntry> files, Map<String, FileSecurity> security, long computedAt) {

        public long unsafeCount() {
            return files.stream().filter(f -> security.get(f.contentId()).isUnsafe()).count();
        }

        /** No scan pending and none failed for a passing reason (the reconciler retries those). */
        boolean isFinal() {
            return security.values().stream().allMatch(RepositorySecurity::isFinal);
        }
    }

    public Summary of(long repositoryId, ObjectId commit) {
        Key key = new Key(repositoryId, commit.copy(), clamAv.currentVersion(), scans.resultsEpoch());
        Summary kept = summaries.get(key);
        if (kept != null && (kept.isFinal() || System.currentTimeMillis() - kept.computedAt() < PENDING_REFRESH_MILLIS)) {
            return kept;
        }
        List<TreeEntry> files = kept != null ? kept.files()
                : git.tree(repositoryId, commit, "", true).orElse(List.of()).stream().filter(TreeEntry::isFile).toList();
        // Under one key (the same signatures, no results forgotten) a final verdict stays final: only the files
        // still open are asked again, so each refresh costs what is left to scan. The first look queues every
        // file without a current result (a visit); later ones only what failed for a passing reason (clamd away):
        // the pending ones are queued already (and the reconciler sends lost ones again).
        List<TreeEntry> open = kept == null ? files
                : files.stream().filter(f -> !isFinal(kept.security().get(f.contentId()))).toList();
        scans.queueFiles(repositoryId, kept == null ? files
                : open.stream().filter(f -> kept.security().get(f.contentId()).status().equals("error")).toList());
        Map<String, FileSecurity> security = new HashMap<>(kept == null ? Map.of() : kept.security());
        security.putAll(verdicts.of(open));
        Summary summary = new Summary(files, Map.copyOf(security), System.currentTimeMillis());
        if (summaries.size() >= MAX_KEPT) {
            summaries.clear(); // rare: simpler than an LRU, and every summary can be computed again
        }
        summaries.put(key, summary);
        return summary;
    }

    private static boolean isFinal(FileSecurity security) {
        return security != null && !security.status().equals("pending") && !security.status().equals("error");
    }
}
