package org.hubguard.scanning;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The latest result of one scanner for one blob (identical files share it across repositories). */
@Entity
@Table(name = "file_scans")
@jakarta.persistence.EntityListeners(ScanVerdicts.Changes.class)
public class FileScan {

    /**
     * SUSPICIOUS: the model scanner found imports or format tricks not known to be inert (not safe, not known bad);
     * TOO_LARGE: final, the antivirus cannot take the file (over clamd's stream limit); not the same as clean.
     */
    public enum Status { PENDING, OK, SUSPICIOUS, INFECTED, ERROR, TOO_LARGE }

    /** The details column's length. */
    static final int DETAILS_LENGTH = 4000;

    @Id
    @Column(name = "scan_key", length = 100)
    private String key;

    @Column(name = "blob_id", nullable = false, length = 80)
    private String blobId;

    @Column(nullable = false, length = 16)
    private String scanner;

    @Column(name = "scanner_version", length = 200)
    private String scannerVersion;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Status status;

    /** Virus names or clamd's error (clamav); the model scanner's report as JSON (ScanReport.serialize). */
    @Column(length = 4000)
    private String details;

    /** For ERROR: whether trying again may help (clamd was unavailable) or not (file too large, malformed). */
    @Column(nullable = false)
    private boolean retryable = true;

    @Column(name = "scan_count", nullable = false)
    private int scanCount;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** Where the blob can be read again: a repository holding it, and its path there (for the scanners' choice). */
    @Column(name = "repository_id")
    private Long repositoryId;

    @Column(length = 1000)
    private String path;

    protected FileScan() {
    }

    FileScan(String blobId, String scanner) {
        this.key = key(blobId, scanner);
        this.blobId = blobId;
        this.scanner = scanner;
        this.status = Status.PENDING;
        this.updatedAt = Instant.now();
    }

    static String key(String blobId, String scanner) {
        return blobId + ":" + scanner;
    }

    void pending(long repositoryId, String path) {
        this.status = Status.PENDING;
        this.repositoryId = repositoryId;
        this.path = path;
        this.updatedAt = Instant.now();
    }

    void finished(String version, Status status, String details, boolean retryable) {
        this.retryable = retryable;
        this.scannerVersion = version;
        this.status = status;
        this.details = storable(details);
        this.scanCount++;
        this.updatedAt = Instant.now();
    }

    /**
     * Scanner output as the database can keep it: control characters (a NUL from a crafted file would fail
     * PostgreSQL's UTF-8 check on every try) written as \\uXXXX, at most 4000 characters.
     */
    static String storable(String details) {
        if (details == null) {
            return null;
        }
        StringBuilder text = new StringBuilder(Math.min(details.length(), 4000));
        for (int i = 0; i < details.length() && text.length() < 3990; i++) {
            char c = details.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c) && !validSurrogate(details, i)) {
                text.append(String.format("\\u%04x", (int) c));
            } else {
                text.append(c);
            }
        }
        return text.length() >= 3990 && details.length() > text.length() ? text.append("...").toString() : text.toString();
    }

    private static boolean validSurrogate(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    public String getKey() {
        return key;
    }

    public Long getRepositoryId() {
        return repositoryId;
    }

    public String getPath() {
        return path;
    }

    public String getBlobId() {
        return blobId;
    }

    public String getScanner() {
        return scanner;
    }

    public String getScannerVersion() {
        return scannerVersion;
    }

    public Status getStatus() {
        return status;
    }

    public String getDetails() {
        return details;
    }

    public boolean isRetryable() {
        return retryable;
    }

    public int getScanCount() {
        return scanCount;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
