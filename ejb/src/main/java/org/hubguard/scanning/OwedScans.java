package org.hubguard.scanning;

import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.eclipse.jgit.lib.ObjectId;
import org.hubguard.git.CommitsPushed;
import org.hubguard.git.GitReader;

/**
 * The scan work a push or commit owes: recorded before the push or commit is answered (in the commit's own
 * transaction, or in one of its own after a push has moved refs), and turned into queued scans by
 * {@link ScanReconciler}, retried until it succeeds. A crash at any moment after the answer loses nothing.
 */
@Stateless
public class OwedScans {

    private static final Logger LOG = Logger.getLogger(OwedScans.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    GitReader git;

    @Inject
    ScanQueue queue;

    @Inject
    Event<CommitsPushed> recorded;

    /** Records the ref updates of a push or commit; the relay is nudged once this transaction commits. */
    public void record(CommitsPushed pushed) {
        Instant now = Instant.now();
        for (CommitsPushed.RefChange change : pushed.changes()) {
            if (!ObjectId.zeroId().name().equals(change.newId())) {
                em.persist(new ScanWork(pushed.repositoryId(), change.oldId(), change.newId(), now));
            }
        }
        recorded.fire(pushed); // observed after the commit (ScanReconciler.relaySoon)
    }

    /** The ids of work that is due, oldest first. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Long> due(int limit) {
        return em.createQuery("select w.id from ScanWork w where w.nextAttemptAt <= :now order by w.id", Long.class)
                .setParameter("now", Instant.now()).setMaxResults(limit).getResultList();
    }

    /** Queues the scans of one ref update's new files and removes the work: all in one transaction. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int relay(long workId) {
        ScanWork work = em.find(ScanWork.class, workId);
        if (work == null) {
            return 0; // relayed already (the timer and a nudge can meet)
        }
        int queued = queue.enqueue(work.getRepositoryId(),
                git.filesOfNewCommits(work.getRepositoryId(), ObjectId.fromString(work.getOldId()), ObjectId.fromString(work.getNewId())));
        em.remove(work);
        return queued;
    }

    /** After a failed relay: tried again later. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void postpone(long workId, Exception failure) {
        ScanWork work = em.find(ScanWork.class, workId);
        if (work != null) {
            work.postpone(Instant.now());
            LOG.log(Level.WARNING, "Could not queue the scans of a push to repository " + work.getRepositoryId() + "; will try again", failure);
        }
    }
}
