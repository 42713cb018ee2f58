package org.hubguard.scanning;

import java.util.List;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Queue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import org.hubguard.git.TreeEntry;

/**
 * Queues scans: for every file and scanner without a current result, the pending row and its JMS message,
 * in one JTA transaction (the in-VM broker takes part in it), so there is never a pending row without a
 * message or a message without its row. A blob scanned under the current scanner version is not queued again,
 * in any repository.
 */
@Stateless
public class ScanQueue {

    @PersistenceContext
    EntityManager em;

    @Inject
    JMSContext jms;

    @Resource(lookup = "java:/jms/queue/hubguard/scans")
    Queue queue;

    @Inject
    ClamAvScanner clamAv;

    @Resource
    SessionContext context;

    /** In the caller's transaction (the relay's): claims and sends commit or roll back with it. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public int enqueue(long repositoryId, List<TreeEntry> files) {
        String clamVersion = clamAv.currentVersion();
        int queued = 0;
        for (TreeEntry file : files) {
            if (!file.isFile()) {
                continue;
            }
            for (String scanner : ScanService.scannersFor(file.path())) {
                if (claim(repositoryId, file.contentId(), file.path(), scanner, scanner.equals(ScanService.CLAMAV) ? clamVersion : ScanService.PICKLE_VERSION)) {
                    send(repositoryId, file.contentId(), file.path(), scanner);
                    queued++;
                }
            }
        }
        em.flush();
        return queued;
    }

    /**
     * A visit: queues what the shown files lack, in a transaction of its own. When a concurrent visit claimed
     * the same files first, nothing is queued twice: this one rolls back quietly.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int enqueueVisited(long repositoryId, List<TreeEntry> files) {
        try {
            return enqueue(repositoryId, files);
        } catch (PersistenceException claimedConcurrently) {
            context.setRollbackOnly();
            return 0;
        }
    }

    /** Sends a scan of a known blob again (the reconciler: a failure to retry, a message that was lost). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void requeue(String scanKey) {
        FileScan scan = em.find(FileScan.class, scanKey);
        if (scan != null && scan.getRepositoryId() != null) {
            scan.pending(scan.getRepositoryId(), scan.getPath());
            send(scan.getRepositoryId(), scan.getBlobId(), scan.getPath(), scan.getScanner());
        }
    }

    /** Marks the blob pending for the scanner unless it has a current result or is queued already. */
    private boolean claim(long repositoryId, String blobId, String path, String scanner, String currentVersion) {
        FileScan scan = em.find(FileScan.class, FileScan.key(blobId, scanner));
        if (ScanService.isCurrent(scan, currentVersion)) {
            return false;
        }
        if (scan == null) {
            scan = new FileScan(blobId, scanner);
            em.persist(scan);
        }
        scan.pending(repositoryId, path);
        return true;
    }

    private void send(long repositoryId, String blobId, String path, String scanner) {
        MapMessage message = jms.createMapMessage();
        try {
            message.setLong("repositoryId", repositoryId);
            message.setString("blobId", blobId);
            message.setString("path", path);
            message.setString("scanner", scanner);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
        jms.createProducer().send(queue, message);
    }
}
