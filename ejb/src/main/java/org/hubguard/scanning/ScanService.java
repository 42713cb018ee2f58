package org.hubguard.scanning;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.eclipse.jgit.lib.ObjectId;
import org.hubguard.git.GitReader;
import org.hubguard.git.GitStorage;
import org.hubguard.git.TreeEntry;
import org.hubguard.scanning.PickleImport.Safety;
import org.hubguard.scanning.engine.Finding;
import org.hubguard.scanning.engine.ModelScanner;
import org.hubguard.scanning.engine.ScanReport;

/**
 * The scan pipeline's front: queues the files of a visit that have no current result (a blob scanned under the
 * current scanner version is never scanned again, in any repository; see {@link ScanQueue}), tells
 * {@link ScanListener} which files of a batch still need scanning ({@link BlobScanner} scans them), and
 * combines the scanners' results into one verdict per file for the API and pages.
 */
@Stateless
public class ScanService {

    public static final String CLAMAV = "clamav";
    public static final String PICKLE = "pickle";
    public static final String PICKLE_VERSION = ModelScanner.VERSION;
    /** A pending scan older than this is assumed lost (e.g. the server stopped) and is queued again. */
    static final Duration PENDING_FOR_TOO_LONG = Duration.ofMinutes(10);

    @PersistenceContext
    EntityManager em;

    @Inject
    ScanQueue queue;

    @Inject
    ClamAvScanner clamAv;

    @Inject
    GitReader git;

    @Inject
    ScanResults results;

    @Inject
    org.hubguard.access.Policy policy;

    /** Queues the listed files (directories are ignored) that have no current result: a visit of a page or listing. */
    public int queueFiles(long repositoryId, List<TreeEntry> entries) {
        return queue.enqueueVisited(repositoryId, entries);
    }

    static boolean isCurrent(FileScan scan, String version) {
        if (scan == null) {
            return false;
        }
        return switch (scan.getStatus()) {
            case PENDING -> scan.getUpdatedAt().isAfter(Instant.now().minus(PENDING_FOR_TOO_LONG));
            case OK, SUSPICIOUS, INFECTED, TOO_LARGE -> version == null || version.equals(scan.getScannerVersion()); // unknown version: keep it
            // clamd being unavailable is passing, so a visit retries; a file too large or malformed stays so.
            case ERROR -> !scan.isRetryable();
        };
    }

    /** Every file gets both: formats are recognized by content, so a pickle under any name is still judged. */
    static List<String> scannersFor(String path) {
        return List.of(CLAMAV, PICKLE);
    }

    /** The items of a batch that still need their scanner: no current result (one query for the batch). */
    public List<ScanBatch.Item> withoutCurrentResult(List<ScanBatch.Item> items) {
        List<String> keys = items.stream().map(i -> FileScan.key(i.blobId(), i.scanner())).toList();
        Map<String, FileScan> known = new HashMap<>();
        em.createQuery("select s from FileScan s where s.key in :keys", FileScan.class).setParameter("keys", keys)
                .getResultList().forEach(scan -> known.put(scan.getKey(), scan));
        String clamVersion = clamAv.currentVersion();
        return items.stream().filter(item -> {
            FileScan scan = known.get(FileScan.key(item.blobId(), item.scanner()));
            return scan == null || scan.getStatus() == FileScan.Status.PENDING
                    || !isCurrent(scan, item.scanner().equals(CLAMAV) ? clamVersion : PICKLE_VERSION);
        }).toList();
    }

    /** Every scanner's latest result for one blob, for the file page's details. */
    public List<FileScan> detailsOf(String blobId) {
        return em.createQuery("select s from FileScan s where s.blobId = :blob order by s.scanner", FileScan.class)
                .setParameter("blob", blobId).getResultList();
    }

    /** Changes whenever every result is forgotten, so that summaries computed before are not shown again. */
    private static final java.util.concurrent.atomic.AtomicLong RESULTS_EPOCH = new java.util.concurrent.atomic.AtomicLong();

    public long resultsEpoch() {
        return RESULTS_EPOCH.get();
    }

    /** Site administrators: forget every result and queue every file of every repository again. */
    public int rescanAll(org.hubguard.access.Caller caller) {
        policy.require(caller, org.hubguard.access.Action.ADMINISTER_USERS, org.hubguard.access.Resources.SITE);
        results.forgetAll();
        RESULTS_EPOCH.incrementAndGet();
        int queued = 0;
        for (Long id : em.createQuery("select r.id from Repository r", Long.class).getResultList()) {
            java.util.Optional<ObjectId> head = git.resolve(id, GitStorage.MAIN);
            if (head.isPresent()) {
                queued += queue.enqueueVisited(id, git.tree(id, head.get(), "", true).orElse(List.of()));
            }
        }
        return queued;
    }

    /** The combined verdict per blob id, for the tree API and the pages. */
    public Map<String, FileSecurity> securityOf(List<TreeEntry> entries) {
        Map<String, FileSecurity> result = new HashMap<>();
        List<String> blobs = entries.stream().filter(TreeEntry::isFile).map(TreeEntry::contentId).distinct().toList();
        if (blobs.isEmpty()) {
            return result;
        }
        Map<String, List<FileScan>> byBlob = new HashMap<>();
        for (int from = 0; from < blobs.size(); from += 500) { // IN lists every database takes
            em.createQuery("select s from FileScan s where s.blobId in :blobs", FileScan.class)
                    .setParameter("blobs", blobs.subList(from, Math.min(blobs.size(), from + 500)))
                    .getResultList().forEach(s -> byBlob.computeIfAbsent(s.getBlobId(), b -> new ArrayList<>()).add(s));
        }
        for (TreeEntry entry : entries) {
            if (entry.isFile()) {
                result.put(entry.contentId(), combine(scannersFor(entry.path()), byBlob.getOrDefault(entry.contentId(), List.of())));
            }
        }
        return result;
    }

    static FileSecurity combine(List<String> scanners, List<FileScan> scans) {
        Map<String, FileScan> byScanner = new HashMap<>();
        scans.forEach(s -> byScanner.put(s.getScanner(), s));
        List<FileScan.Status> statuses = scanners.stream()
                .map(s -> byScanner.containsKey(s) ? byScanner.get(s).getStatus() : FileScan.Status.PENDING).toList();
        // Infected is final whatever else is running; otherwise the verdict waits for every scanner.
        String status = statuses.contains(FileScan.Status.INFECTED) ? "infected"
                : statuses.contains(FileScan.Status.PENDING) ? "pending"
                : statuses.contains(FileScan.Status.ERROR) ? "error"
                : statuses.contains(FileScan.Status.SUSPICIOUS) ? "suspicious"
                : statuses.contains(FileScan.Status.TOO_LARGE) ? "unscanned" : "ok";
        FileScan av = byScanner.get(CLAMAV);
        List<String> viruses = av != null && av.getStatus() == FileScan.Status.INFECTED && av.getDetails() != null
                ? Arrays.asList(av.getDetails().split(",")) : List.of();
        FileScan pickle = byScanner.get(PICKLE);
        ScanReport report = pickle == null || pickle.getStatus() == FileScan.Status.PENDING ? null : modelReport(pickle.getDetails());
        List<PickleImport> imports = new ArrayList<>();
        if (report != null) {
            for (Finding f : report.imports()) {
                imports.add(new PickleImport(f.module(), f.name(), Safety.valueOf(f.rating().name()), f.why()));
            }
        }
        // like the Hub, files that import nothing (weights, text) carry no pickle import scan
        String highest = report == null || imports.isEmpty() ? null : report.highestImportRating().wireName();
        String avError = av != null && (av.getStatus() == FileScan.Status.ERROR || av.getStatus() == FileScan.Status.TOO_LARGE)
                ? av.getDetails() : null;
        String modelError = pickle != null && pickle.getStatus() == FileScan.Status.ERROR
                ? (report == null ? pickle.getDetails() : report.summary()) : null;
        return new FileSecurity(status, viruses, highest, List.copyOf(new java.util.LinkedHashSet<>(imports)), avError, modelError);
    }

    /** The stored model-scanner report, or null for results written before it (they are rescanned). */
    static ScanReport modelReport(String details) {
        if (details == null || !details.startsWith("{")) {
            return null;
        }
        try {
            return ScanReport.parse(details);
        } catch (IllegalArgumentException cut) {
            return null;
        }
    }
}
