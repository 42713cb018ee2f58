package org.hubguard.scanning;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Records scanners' results in a transaction of their own, so they stay even when the message is redelivered. */
@Stateless
public class ScanResults {

    @PersistenceContext
    EntityManager em;

    /** Forgets every result; committed at once, so the claims that follow can insert fresh rows. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void forgetAll() {
        em.createQuery("delete from FileScan").executeUpdate(); // a bulk delete: no entity listener hears it
        ScanVerdicts.resultsChanged();
    }

    @jakarta.inject.Inject
    org.hubguard.audit.AuditLog audit;

    /** Audits the files a batch found unsafe (a virus, a dangerous pickle import), by hubguard itself. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void auditUnsafe(long repositoryId, java.util.Map<String, ScanOutcome> unsafeByPath) {
        org.hubguard.repos.Repository repository = em.find(org.hubguard.repos.Repository.class, repositoryId);
        if (repository == null) {
            return; // deleted meanwhile
        }
        unsafeByPath.forEach((path, outcome) -> audit.record("repo.unsafe_file_found", null, repository,
                org.hubguard.audit.AuditOutcome.SUCCESS, path + " (" + outcome.scanner() + ": " + outcome.details() + ")"));
    }

    /** The outcomes of a batch, in one transaction of their own (one query for the rows, inserts batched). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordAll(java.util.List<ScanOutcome> outcomes) {
        java.util.Map<String, FileScan> known = new java.util.HashMap<>();
        em.createQuery("select s from FileScan s where s.key in :keys", FileScan.class)
                .setParameter("keys", outcomes.stream().map(o -> FileScan.key(o.blobId(), o.scanner())).toList())
                .getResultList().forEach(scan -> known.put(scan.getKey(), scan));
        for (ScanOutcome outcome : outcomes) {
            FileScan scan = known.get(FileScan.key(outcome.blobId(), outcome.scanner()));
            if (scan == null) {
                scan = new FileScan(outcome.blobId(), outcome.scanner());
                em.persist(scan);
                known.put(scan.getKey(), scan);
            }
            scan.finished(outcome.version(), outcome.status(), outcome.details(), outcome.retryable());
        }
    }
}
