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
