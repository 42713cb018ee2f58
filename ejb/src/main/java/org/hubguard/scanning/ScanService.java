package org.hubguard.scanning;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.MapMessage;
import jakarta.jms.Queue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.hubguard.git.GitReader;
import org.hubguard.git.GitStorage;
import org.hubguard.git.TreeEntry;
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
    /** Blobs up to this size are scanned in memory; larger ones are copied to a temporary file for random access. */
    static final long IN_MEMORY_BLOB = 64L << 20;
    private static final ModelScanner MODEL_SCANNER = new ModelScanner();
    /**
     * The largest file sent to clamd: clamd's own StreamMaxLength (its default is 100 MiB), so that a larger
     * file gets a clear status instead of a connection clamd cuts off mid-stream.
     */
    static final long CLAMD_MAX_FILE_SIZE = Long.parseLong(org.hubguard.config.Settings.get("hubguard.clamd.max-file-size", "104857600"));

    /** A pending scan older than this is assumed lost (e.g. the server stopped) and is queued again. */
    static final Duration PENDING_FOR_TOO_LONG = Duration.ofMinutes(10);

    @PersistenceContext
    EntityManager em;

    @Inject
    JMSContext jms;

    @Resource(lookup = "java:/jms/queue/hubguard/scans")
    Queue queue;

    @Inject
    ClamAvScanner clamAv;

    @Inject
    GitReader git;

    @Inject
    GitStorage storage;

    @Inject
    ScanResults results;

    @Inject
    org.hubguard.access.Policy policy;

    /** Queues every file of a commit that has no current result; returns how many scans were queued. */
    public int queueCommit(long repositoryId, ObjectId commit) {
        return queueFiles(repositoryId, git.tree(repositoryId, commit, "", true).orElse(List.of()));
    }

    /** Queues the listed files (directories are ignored) that have no current result. */
    public int queueFiles(long repositoryId, List<TreeEntry> entries) {
        String clamVersion = clamAv.currentVersion();
        int queued = 0;
        for (TreeEntry entry : entries) {
            if (!entry.isFile()) {
                continue;
            }
            for (String scanner : scannersFor(entry.path())) {
                boolean claimed;
                try {
                    claimed = results.claim(entry.oid(), scanner, scanner.equals(CLAMAV) ? clamVersion : PICKLE_VERSION);
                } catch (jakarta.ejb.EJBException concurrentClaim) {
                    claimed = false; // someone else queued it at the same moment
                }
                if (claimed) {
                    send(repositoryId, entry.oid(), entry.path(), scanner);
                    queued++;
                }
            }
        }
        return queued;
    }

    static boolean isCurrent(FileScan scan, String version) {
        if (scan == null) {
            return false;
        }
        return switch (scan.getStatus()) {
            case PENDING -> scan.getUpdatedAt().isAfter(Instant.now().minus(PENDING_FOR_TOO_LONG));
            case OK, SUSPICIOUS, INFECTED -> version == null || version.equals(scan.getScannerVersion()); // unknown version: keep it
            // clamd being unavailable is passing, so a visit retries; a file too large or malformed stays so.
            case ERROR -> !scan.isRetryable();
        };
    }

    private void send(long repositoryId, String blobId, String path, String scanner) {
        MapMessage message = jms.createMapMessage();
        try {
            message.setLong("repositoryId", repositoryId);
            message.setString("blobId", blobId);
            message.setString("path", path);
            message.setString("scanner", scanner);
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
        jms.createProducer().send(queue, message);
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
        try (org.eclipse.jgit.lib.Repository repo = storage.open(repositoryId);
             InputStream content = repo.open(ObjectId.fromString(blobId), Constants.OBJ_BLOB).openStream()) {
            if (scanner.equals(PICKLE)) {
                recordModelScan(blobId, path, content, repo.open(ObjectId.fromString(blobId), Constants.OBJ_BLOB).getSize());
                return true;
            }
            long size = repo.open(ObjectId.fromString(blobId), Constants.OBJ_BLOB).getSize();
            if (size > CLAMD_MAX_FILE_SIZE) {
                results.recordFinalError(blobId, CLAMAV, clamAv.currentVersion(),
                        "the file is larger than clamd's stream limit (" + CLAMD_MAX_FILE_SIZE + " bytes); it was not scanned");
                return true;
            }
            AvResult av = clamAv.scan(content);
            String version = clamAv.currentVersion();
            switch (av.verdict()) {
                case CLEAN -> results.record(blobId, CLAMAV, version, FileScan.Status.OK, null);
                case INFECTED -> results.record(blobId, CLAMAV, version, FileScan.Status.INFECTED, String.join(",", av.virusNames()));
                case ERROR -> {
                    if (tooLargeForClamd(av.error())) {
                        results.recordFinalError(blobId, CLAMAV, version, "the file is larger than clamd's stream limit (StreamMaxLength); it was not scanned");
                    } else {
                        results.record(blobId, CLAMAV, version, FileScan.Status.ERROR, av.error());
                    }
                }
            }
            // A file over clamd's limit stays over it: no point retrying. Everything else is clamd being away.
            return av.verdict() != AvResult.Verdict.ERROR || tooLargeForClamd(av.error());
        } catch (org.eclipse.jgit.errors.MissingObjectException | org.eclipse.jgit.errors.RepositoryNotFoundException gone) {
            return true; // the repository or the blob is gone: nothing left to scan
        }
    }

    /** Judges the blob with the model scanner (read at random offsets: spooled to memory or a temporary file). */
    private void recordModelScan(String blobId, String path, InputStream content, long size) throws java.io.IOException {
        ScanReport report;
        try (RandomAccessSource source = RandomAccessSource.spool(content, size, IN_MEMORY_BLOB, null)) {
            report = MODEL_SCANNER.scan(source, path);
        }
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

    /** Site administrators: forget every result and queue every file of every repository again. */
    public int rescanAll(org.hubguard.access.Caller caller) {
        policy.require(caller, org.hubguard.access.Action.ADMINISTER_USERS, null);
        results.forgetAll();
        int queued = 0;
        for (Long id : em.createQuery("select r.id from Repository r", Long.class).getResultList()) {
            java.util.Optional<ObjectId> head = git.resolve(id, GitStorage.MAIN);
            if (head.isPresent()) {
                queued += queueCommit(id, head.get());
            }
        }
        return queued;
    }

    /** The combined verdict per blob id, for the tree API and the pages. */
    public Map<String, FileSecurity> securityOf(List<TreeEntry> entries) {
        Map<String, FileSecurity> result = new HashMap<>();
        List<String> blobs = entries.stream().filter(TreeEntry::isFile).map(TreeEntry::oid).distinct().toList();
        if (blobs.isEmpty()) {
            return result;
        }
        Map<String, List<FileScan>> byBlob = new HashMap<>();
        em.createQuery("select s from FileScan s where s.blobId in :blobs", FileScan.class).setParameter("blobs", blobs)
                .getResultList().forEach(s -> byBlob.computeIfAbsent(s.getBlobId(), b -> new ArrayList<>()).add(s));
        for (TreeEntry entry : entries) {
            if (entry.isFile()) {
                result.put(entry.oid(), combine(scannersFor(entry.path()), byBlob.getOrDefault(entry.oid(), List.of())));
            }
        }
        return result;
    }

    static FileSecurity combine(List<String> scanners, List<FileScan> scans) {
        Map<String, FileScan> byScanner = new HashMap<>();
        scans.forEach(s -> byScanner.put(s.getScanner(), s));
        List<FileScan.Status> statuses = scanners.stream()
                .map(s -> byScanner.containsKey(s) ? byScanner.get(s).getStatus() : FileScan.Status.PENDING).toList();
        String status = statuses.contains(FileScan.Status.INFECTED) ? "infected"
                : statuses.contains(FileScan.Status.ERROR) ? "error"
                : statuses.contains(FileScan.Status.SUSPICIOUS) ? "suspicious"
                : statuses.contains(FileScan.Status.PENDING) ? "pending" : "ok";
        FileScan av = byScanner.get(CLAMAV);
        List<String> viruses = av != null && av.getStatus() == FileScan.Status.INFECTED && av.getDetails() != null
                ? Arrays.asList(av.getDetails().split(",")) : List.of();
        FileScan pickle = byScanner.get(PICKLE);
        ScanReport report = pickle == null || pickle.getStatus() == FileScan.Status.PENDING ? null : modelReport(pickle.getDetails());
        List<PickleImport> imports = new ArrayList<>();
        if (report != null) {
            for (Finding f : report.imports()) {
                imports.add(new PickleImport(f.module(), f.name(), Safety.valueOf(f.rating().name())));
            }
        }
        // like the Hub, files that import nothing (weights, text) carry no pickle import scan
        String highest = report == null || imports.isEmpty() ? null : report.highestImportRating().wireName();
        String error = null;
        for (FileScan s : scans) {
            if (s.getStatus() == FileScan.Status.ERROR && error == null) {
                ScanReport r = s.getScanner().equals(PICKLE) ? modelReport(s.getDetails()) : null;
                error = r == null ? s.getDetails() : r.summary();
            }
        }
        return new FileSecurity(status, viruses, highest, List.copyOf(new java.util.LinkedHashSet<>(imports)), error);
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
