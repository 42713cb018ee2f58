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
public class FileScan {

    /** SUSPICIOUS: the model scanner found imports or format tricks not known to be inert (not safe, not known bad). */
    public enum Status { PENDING, OK, SUSPICIOUS, INFECTED, ERROR }

    /** The details column's length. */
    static final int DETAILS_LENGTH = 4000;

    @Id
    @Column(name = "scan_key", length = 64)
    private String key;

    @Column(name = "blob_id", nullable = false, length = 40)
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

    void pending() {
        this.status = Status.PENDING;
        this.updatedAt = Instant.now();
    }

    void finished(String version, Status status, String details, boolean retryable) {
        this.retryable = retryable;
        this.scannerVersion = version;
        this.status = status;
        this.details = details == null ? null : details.length() > DETAILS_LENGTH ? details.substring(0, DETAILS_LENGTH - 3) + "..." : details;
        this.scanCount++;
        this.updatedAt = Instant.now();
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
