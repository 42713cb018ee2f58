package org.hubguard.scanning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
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

    /** Into how many messages at least a queueing is split: the scan listeners' default concurrency. */
    private static final int SPREAD = 4;

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

    /**
     * In the caller's transaction (the relay's): claims and sends commit or roll back with it. Set-based: one
     * query for the current results of all the files (in chunks), the new claims inserted in JDBC batches, and
     * messages of at most {@link ScanBatch#SIZE} scans.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public int enqueue(long repositoryId, List<TreeEntry> files) {
        Map<String, ScanBatch.Item> wanted = new LinkedHashMap<>();
        for (TreeEntry file : files) {
            if (file.isFile()) {
                for (String scanner : ScanService.scannersFor(file.path())) {
                    wanted.putIfAbsent(FileScan.key(file.contentId(), scanner), new ScanBatch.Item(file.contentId(), file.path(), scanner));
                }
            }
        }
        if (wanted.isEmpty()) {
            return 0;
        }
        Map<String, FileScan> known = known(new ArrayList<>(wanted.keySet()));
        String clamVersion = clamAv.currentVersion();
        List<ScanBatch.Item> claimed = new ArrayList<>();
        for (var entry : wanted.entrySet()) {
            ScanBatch.Item item = entry.getValue();
            FileScan scan = known.get(entry.getKey());
            if (ScanService.isCurrent(scan, item.scanner().equals(ScanService.CLAMAV) ? clamVersion : ScanService.PICKLE_VERSION)) {
                continue;
            }
            if (scan == null) {
                scan = new FileScan(item.blobId(), item.scanner());
                em.persist(scan);
            }
            scan.pending(repositoryId, item.path());
            claimed.add(item);
        }
        em.flush();
        // Spread over the listeners: a push of a few files is still scanned by several at once.
        int size = Math.max(1, Math.min(ScanBatch.SIZE, (claimed.size() + SPREAD - 1) / SPREAD));
        for (int from = 0; from < claimed.size(); from += size) {
            send(new ScanBatch(repositoryId, claimed.subList(from, Math.min(claimed.size(), from + size))));
        }
        return claimed.size();
    }

    /** The stored results for these keys, asked in chunks that every database takes as one IN list. */
    private Map<String, FileScan> known(List<String> keys) {
        Map<String, FileScan> known = new HashMap<>();
        for (int from = 0; from < keys.size(); from += 500) {
            em.createQuery("select s from FileScan s where s.key in :keys", FileScan.class)
                    .setParameter("keys", keys.subList(from, Math.min(keys.size(), from + 500)))
                    .getResultList().forEach(scan -> known.put(scan.getKey(), scan));
        }
        return known;
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
            send(new ScanBatch(scan.getRepositoryId(), List.of(new ScanBatch.Item(scan.getBlobId(), scan.getPath(), scan.getScanner()))));
        }
    }

    private void send(ScanBatch batch) {
        jms.createProducer().send(queue, batch.toJson());
    }
}
