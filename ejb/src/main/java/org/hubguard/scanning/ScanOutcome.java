package org.hubguard.scanning;

/**
 * What one scanner said about one blob, to be recorded. {@code retryable}: an error that may pass (clamd was
 * away); other errors are final (the file is malformed, or too large for the antivirus).
 */
record ScanOutcome(String blobId, String scanner, String version, FileScan.Status status, String details, boolean retryable) {

    static ScanOutcome of(String blobId, String scanner, String version, FileScan.Status status, String details) {
        return new ScanOutcome(blobId, scanner, version, status, details, true);
    }

    static ScanOutcome finalError(String blobId, String scanner, String version, String details) {
        return new ScanOutcome(blobId, scanner, version, FileScan.Status.ERROR, details, false);
    }

    /** The scanner could not be asked: the rest of a batch waits for a retry. */
    boolean scannerAway() {
        return status == FileScan.Status.ERROR && retryable;
    }
}
