package org.hubguard.scanning;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.hubguard.git.GitReader;
import org.hubguard.git.GitStorage;
import org.hubguard.git.TreeEntry;
import org.hubguard.lfs.LfsPointer;
import org.hubguard.lfs.LfsStore;
import org.hubguard.scanning.PickleImport.Safety;
import org.hubguard.scanning.engine.Finding;
import org.hubguard.scanning.engine.ModelScanner;
import org.hubguard.scanning.engine.RandomAccessSource;
import org.hubguard.scanning.engine.ScanReport;

/**
 * The scan pipeline's producer and result side: queues a JMS message for every blob and scanner without
 * a current result (a blob scanned under the current scanner version is never scanned again, in any
 * repository), runs the scanners for {@link ScanListener}, and combines the results for the API and pages.
 */
@Stateless
public class ScanService {

    public static final String CLAMAV = "clamav";
    public static final String PICKLE = "pickle";
    public static final String PICKLE_VERSION = ModelScanner.VERSION;
    /** Blobs up to this size are judged in memory; larger ones are copied to a temporary file for random access. */
    static final long IN_MEMORY_BLOB = 64L << 20;
    private static final ModelScanner MODEL_SCANNER = new ModelScanner();
    /** A pending scan older than this is assumed lost (e.g. the server stopped) and is queued again. */
    static final Duration PENDING_FOR_TOO_LONG = Duration.ofMinutes(10);

    @PersistenceContext
    EntityManager em;

    @Inject
    ScanQueue queue;

    @Inject
    ClamAvScanner clamAv;

    @Inject
    LfsStore lfsStore;

    /**
     * Gives the largest file sent to clamd: clamd's own StreamMaxLength (its default is 100 MiB), so that a
     * larger file gets a clear status instead of a connection clamd cuts off mid-stream.
     */
    @Inject
    org.hubguard.config.HubguardConfig config;

    @Inject
    GitReader git;

    @Inject
    GitStorage storage;

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

    /**
     * Runs one scanner on one blob (for {@link ScanListener}) and records the result. Returns false when the
     * scanner was unavailable, so that the message is redelivered later (with back-off).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public boolean scan(long repositoryId, String blobId, String path, String scanner) throws java.io.IOException {
        // A git blob id (SHA-1, 40 hex) is read from the repository; an LFS object (SHA-256, 64 hex) from the LFS store.
        if (LfsPointer.isObjectId(blobId)) {
            long size = lfsStore.size(blobId);
            if (size < 0) {
                return true; // the object is gone: nothing left to scan
            }
            java.util.Optional<java.nio.file.Path> file = lfsStore.localFile(blobId);
            if (scanner.equals(PICKLE) && file.isPresent()) {
                try (RandomAccessSource source = RandomAccessSource.of(file.get())) {
                    recordModelScan(blobId, path, source);
                }
                return true;
            }
            try (InputStream content = lfsStore.open(blobId, 0)) {
                return scan(blobId, path, scanner, size, content);
            }
        }
        try (org.eclipse.jgit.lib.Repository repo = storage.open(repositoryId);
             InputStream content = repo.open(ObjectId.fromString(blobId), Constants.OBJ_BLOB).openStream()) {
            return scan(blobId, path, scanner, repo.open(ObjectId.fromString(blobId), Constants.OBJ_BLOB).getSize(), content);
        } catch (org.eclipse.jgit.errors.MissingObjectException | org.eclipse.jgit.errors.RepositoryNotFoundException gone) {
            return true; // the repository or the blob is gone: nothing left to scan
        }
    }

    private boolean scan(String blobId, String path, String scanner, long size, InputStream content) throws java.io.IOException {
        if (scanner.equals(PICKLE)) {
            // read at random offsets: spooled to memory, or to a temporary file when large
            try (RandomAccessSource source = RandomAccessSource.spool(content, size, IN_MEMORY_BLOB, null)) {
                recordModelScan(blobId, path, source);
            }
            return true;
        }
        if (size > config.clamdMaxFileSize()) {
            results.record(blobId, CLAMAV, clamAv.currentVersion(), FileScan.Status.TOO_LARGE,
                    "too large for the antivirus: clamd scans files up to " + config.clamdMaxFileSize() + " bytes; the other scanners still ran");
            return true;
        }
        AvResult av = clamAv.scan(content);
        String version = clamAv.currentVersion();
        switch (av.verdict()) {
            case CLEAN -> results.record(blobId, CLAMAV, version, FileScan.Status.OK, null);
            case INFECTED -> results.record(blobId, CLAMAV, version, FileScan.Status.INFECTED, String.join(",", av.virusNames()));
            case ERROR -> {
                if (tooLargeForClamd(av.error())) {
                    results.record(blobId, CLAMAV, version, FileScan.Status.TOO_LARGE,
                            "too large for the antivirus: larger than clamd's StreamMaxLength; the other scanners still ran");
                } else {
                    results.record(blobId, CLAMAV, version, FileScan.Status.ERROR, av.error());
                }
            }
        }
        // A file over clamd's limit stays over it: no point retrying. Everything else is clamd being away.
        return av.verdict() != AvResult.Verdict.ERROR || tooLargeForClamd(av.error());
    }

    /** Whether the blob has a final result of the scanner's current version. */
    public boolean hasCurrentResult(String blobId, String scanner) {
        FileScan scan = em.find(FileScan.class, FileScan.key(blobId, scanner));
        return scan != null && scan.getStatus() != FileScan.Status.PENDING
                && isCurrent(scan, scanner.equals(CLAMAV) ? clamAv.currentVersion() : PICKLE_VERSION);
    }

    /** Judges the content with the model scanner and records its report. */
    private void recordModelScan(String blobId, String path, RandomAccessSource source) throws java.io.IOException {
        ScanReport report = MODEL_SCANNER.scan(source, path);
        String details = report.serialize(FileScan.DETAILS_LENGTH);
        switch (report.verdict()) {
            case SAFE -> results.record(blobId, PICKLE, PICKLE_VERSION, FileScan.Status.OK, details);
            case SUSPICIOUS -> results.record(blobId, PICKLE, PICKLE_VERSION, FileScan.Status.SUSPICIOUS, details);
            case UNSAFE -> results.record(blobId, PICKLE, PICKLE_VERSION, FileScan.Status.INFECTED, details);
            case ERROR -> results.recordFinalError(blobId, PICKLE, PICKLE_VERSION, details);
        }
    }

    /** Every scanner's latest result for one blob, for the file page's details. */
    public List<FileScan> detailsOf(String blobId) {
        return em.createQuery("select s from FileScan s where s.blobId = :blob order by s.scanner", FileScan.class)
                .setParameter("blob", blobId).getResultList();
    }

    private static boolean tooLargeForClamd(String error) {
        return error != null && error.contains("size limit");
    }

    /** Changes whenever every result is forgotten, so that summaries computed before are not shown again. */
    private static final java.util.concurrent.atomic.AtomicLong RESULTS_EPOCH = new java.util.concurrent.atomic.AtomicLong();

    long resultsEpoch() {
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
