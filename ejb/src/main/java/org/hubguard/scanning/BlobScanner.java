package org.hubguard.scanning;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.hubguard.config.HubguardConfig;
import org.hubguard.git.GitStorage;
import org.hubguard.lfs.LfsPointer;
import org.hubguard.lfs.LfsStore;
import org.hubguard.scanning.engine.ModelScanner;
import org.hubguard.scanning.engine.RandomAccessSource;
import org.hubguard.scanning.engine.ScanReport;

/**
 * Runs one scanner on one blob and says what it found, without recording it (the caller records a batch at
 * once). A git blob (SHA-1 id) is read from the repository, an LFS object (SHA-256) from the LFS store.
 */
@ApplicationScoped
public class BlobScanner {

    /**
     * Blobs up to this size are judged in memory; larger ones are copied to a temporary file for random access, so
     * scans running side by side hold a few MiB each, not their files (LFS objects are read in place).
     */
    static final long IN_MEMORY_BLOB = 4L << 20;
    private static final ModelScanner MODEL_SCANNER = new ModelScanner();

    @Inject
    ClamAvScanner clamAv;

    @Inject
    LfsStore lfsStore;

    @Inject
    GitStorage storage;

    /** The largest file sent to clamd: clamd's own StreamMaxLength, so a larger file gets a clear status. */
    @Inject
    HubguardConfig config;

    /** Empty when the blob is gone (its repository deleted, say): nothing left to scan. */
    Optional<ScanOutcome> scan(long repositoryId, String blobId, String path, String scanner) throws IOException {
        if (LfsPointer.isObjectId(blobId)) {
            long size = lfsStore.size(blobId);
            if (size < 0) {
                return Optional.empty();
            }
            Optional<Path> file = lfsStore.localFile(blobId);
            if (scanner.equals(ScanService.PICKLE) && file.isPresent()) {
                try (RandomAccessSource source = RandomAccessSource.of(file.get())) {
                    return Optional.of(modelScan(blobId, path, source));
                }
            }
            try (InputStream content = lfsStore.open(blobId, 0)) {
                return Optional.of(scan(blobId, path, scanner, size, content));
            }
        }
        try (Repository repo = storage.open(repositoryId)) {
            ObjectLoader blob = repo.open(ObjectId.fromString(blobId), Constants.OBJ_BLOB);
            try (InputStream content = blob.openStream()) {
                return Optional.of(scan(blobId, path, scanner, blob.getSize(), content));
            }
        } catch (MissingObjectException | RepositoryNotFoundException gone) {
            return Optional.empty();
        }
    }

    private ScanOutcome scan(String blobId, String path, String scanner, long size, InputStream content) throws IOException {
        if (scanner.equals(ScanService.PICKLE)) {
            // read at random offsets: spooled to memory, or to a temporary file when large
            try (RandomAccessSource source = RandomAccessSource.spool(content, size, IN_MEMORY_BLOB, null)) {
                return modelScan(blobId, path, source);
            }
        }
        if (size > config.clamdMaxFileSize()) {
            return ScanOutcome.of(blobId, ScanService.CLAMAV, clamAv.currentVersion(), FileScan.Status.TOO_LARGE,
                    "too large for the antivirus: clamd scans files up to " + config.clamdMaxFileSize() + " bytes; the other scanners still ran");
        }
        AvResult av = clamAv.scan(content);
        String version = clamAv.currentVersion();
        return switch (av.verdict()) {
            case CLEAN -> ScanOutcome.of(blobId, ScanService.CLAMAV, version, FileScan.Status.OK, null);
            case INFECTED -> ScanOutcome.of(blobId, ScanService.CLAMAV, version, FileScan.Status.INFECTED, String.join(",", av.virusNames()));
            // A file over clamd's limit stays over it: final. Every other error is clamd being away: retried.
            case ERROR -> tooLargeForClamd(av.error())
                    ? ScanOutcome.of(blobId, ScanService.CLAMAV, version, FileScan.Status.TOO_LARGE,
                            "too large for the antivirus: larger than clamd's StreamMaxLength; the other scanners still ran")
                    : ScanOutcome.of(blobId, ScanService.CLAMAV, version, FileScan.Status.ERROR, av.error());
        };
    }

    /** The model scanner's report, kept whole (it is shown with its reasons). */
    private static ScanOutcome modelScan(String blobId, String path, RandomAccessSource source) throws IOException {
        ScanReport report = MODEL_SCANNER.scan(source, path);
        String details = report.serialize(FileScan.DETAILS_LENGTH);
        return switch (report.verdict()) {
            case SAFE -> ScanOutcome.of(blobId, ScanService.PICKLE, ScanService.PICKLE_VERSION, FileScan.Status.OK, details);
            case SUSPICIOUS -> ScanOutcome.of(blobId, ScanService.PICKLE, ScanService.PICKLE_VERSION, FileScan.Status.SUSPICIOUS, details);
            case UNSAFE -> ScanOutcome.of(blobId, ScanService.PICKLE, ScanService.PICKLE_VERSION, FileScan.Status.INFECTED, details);
            case ERROR -> ScanOutcome.finalError(blobId, ScanService.PICKLE, ScanService.PICKLE_VERSION, details);
        };
    }

    private static boolean tooLargeForClamd(String error) {
        return error != null && error.contains("size limit");
    }
}
