package org.hubguard.scanning;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Records a scanner's result in a transaction of its own, so it stays even when the message is redelivered. */
@Stateless
public class ScanResults {

    @PersistenceContext
    EntityManager em;

    @jakarta.annotation.Resource
    jakarta.ejb.SessionContext context;

    /**
     * Marks the blob pending for the scanner unless it has a current result or is already queued; true when
     * the caller should queue the scan. Its own transaction: of two concurrent claims only one inserts.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean claim(String blobId, String scanner, String currentVersion) {
        FileScan scan = em.find(FileScan.class, FileScan.key(blobId, scanner));
        if (ScanService.isCurrent(scan, currentVersion)) {
            return false;
        }
        if (scan == null) {
            em.persist(new FileScan(blobId, scanner));
        } else {
            scan.pending();
        }
        try {
            em.flush(); // a concurrent claim of the same blob fails here, on the primary key
        } catch (jakarta.persistence.PersistenceException concurrentClaim) {
            context.setRollbackOnly(); // the other claim queues the scan
            return false;
        }
        return true;
    }

    /** Forgets every result; committed at once, so the claims that follow can insert fresh rows. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void forgetAll() {
        em.createQuery("delete from FileScan").executeUpdate();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(String blobId, String scanner, String version, FileScan.Status status, String details) {
        record(blobId, scanner, version, status, details, true);
    }

    /** A failure that no retry can fix (the file is too large for clamd, the pickle is malformed). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordFinalError(String blobId, String scanner, String version, String details) {
        record(blobId, scanner, version, FileScan.Status.ERROR, details, false);
    }

    private void record(String blobId, String scanner, String version, FileScan.Status status, String details, boolean retryable) {
        FileScan scan = em.find(FileScan.class, FileScan.key(blobId, scanner));
        if (scan == null) {
            scan = new FileScan(blobId, scanner);
            em.persist(scan);
        }
        scan.finished(version, status, details, retryable);
    }
}
