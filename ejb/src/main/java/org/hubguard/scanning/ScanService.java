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

/**
 * The scan pipeline's producer and result side: queues a JMS message for every blob and scanner without
 * a current result (a blob scanned under the current scanner version is never scanned again, in any
 * repository), runs the scanners for {@link ScanListener}, and combines the results for the API and pages.
 */
@Stateless
public class ScanService {

    public static final String CLAMAV = "clamav";
    public static final String PICKLE = "pickle";
    public static final String PICKLE_VERSION = "hubguard-pickle-walker/1";
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
            case OK, INFECTED, TOO_LARGE -> version == null || version.equals(scan.getScannerVersion()); // unknown version: keep it
            // clamd being unavailable is passing, so a visit retries; a file too large or malformed stays so.
            case ERROR -> !scan.isRetryable();
        };
    }

    static List<String> scannersFor(String path) {
        return PickleScanner.handles(path) ? List.of(CLAMAV, PICKLE) : List.of(CLAMAV);
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
            PickleScanner.Result result = PickleScanner.scan(path, content);
            String imports = String.join(",", result.imports().stream()
                    .map(i -> i.module() + "." + i.name() + ":" + i.safety().wireName()).toList());
            if (!result.isPickle()) {
                results.record(blobId, PICKLE, PICKLE_VERSION, FileScan.Status.OK, ""); // e.g. raw weights in a .bin
            } else if (result.problem() != null) {
                results.recordFinalError(blobId, PICKLE, PICKLE_VERSION, "malformed pickle: " + result.problem());
            } else {
                results.record(blobId, PICKLE, PICKLE_VERSION,
                        result.highestSafety() == Safety.DANGEROUS ? FileScan.Status.INFECTED : FileScan.Status.OK, imports);
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

    /** Every scanner's latest result for one blob, for the file page's details. */
    public List<FileScan> detailsOf(String blobId) {
        return em.createQuery("select s from FileScan s where s.blobId = :blob order by s.scanner", FileScan.class)
                .setParameter("blob", blobId).getResultList();
    }

    private static boolean tooLargeForClamd(String error) {
        return error != null && error.contains("size limit");
    }

    /** Site administrators: forget every result and queue every file of every repository again. */
    public int rescanAll(org.hubguard.access.Caller caller) {
        policy.require(caller, org.hubguard.access.Action.ADMINISTER_USERS, org.hubguard.access.Resources.SITE);
        results.forgetAll();
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
        em.createQuery("select s from FileScan s where s.blobId in :blobs", FileScan.class).setParameter("blobs", blobs)
                .getResultList().forEach(s -> byBlob.computeIfAbsent(s.getBlobId(), b -> new ArrayList<>()).add(s));
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
                : statuses.contains(FileScan.Status.TOO_LARGE) ? "unscanned" : "ok";
        FileScan av = byScanner.get(CLAMAV);
        List<String> viruses = av != null && av.getStatus() == FileScan.Status.INFECTED && av.getDetails() != null
                ? Arrays.asList(av.getDetails().split(",")) : List.of();
        FileScan pickle = byScanner.get(PICKLE);
        List<PickleImport> imports = new ArrayList<>();
        boolean pickleDone = pickle != null && (pickle.getStatus() == FileScan.Status.OK || pickle.getStatus() == FileScan.Status.INFECTED);
        if (pickleDone && pickle.getDetails() != null && !pickle.getDetails().isEmpty()) {
            for (String item : pickle.getDetails().split(",")) {
                int colon = item.lastIndexOf(':');
                int dot = item.lastIndexOf('.', colon);
                imports.add(new PickleImport(item.substring(0, dot), item.substring(dot + 1, colon),
                        Safety.valueOf(item.substring(colon + 1).toUpperCase(java.util.Locale.ROOT))));
            }
        }
        String highest = pickleDone
                ? imports.stream().map(PickleImport::safety).max(Enum::compareTo).orElse(Safety.INNOCUOUS).wireName() : null;
        String error = scans.stream().filter(s -> s.getStatus() == FileScan.Status.ERROR || s.getStatus() == FileScan.Status.TOO_LARGE)
                .map(FileScan::getDetails).findFirst().orElse(null);
        return new FileSecurity(status, viruses, highest, imports, error);
    }
}
