package org.hubguard.lfs;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

/** Which LFS objects are stored, and which repository may serve which. */
@Stateless
public class LfsObjects {

    @PersistenceContext
    EntityManager em;

    @jakarta.annotation.Resource
    jakarta.ejb.SessionContext context;

    private final Clock clock = Clock.systemUTC();

    /** The object's size when it is stored and linked to the repository; empty otherwise. */
    public OptionalLong linkedSize(long repositoryId, String oid) {
        List<Long> sizes = em.createQuery("select o.size from LfsObject o, LfsLink l where l.key.repositoryId = :repo "
                        + "and l.key.oid = o.oid and o.oid = :oid", Long.class)
                .setParameter("repo", repositoryId).setParameter("oid", oid).getResultList();
        return sizes.isEmpty() ? OptionalLong.empty() : OptionalLong.of(sizes.get(0));
    }

    /** The sizes of those of {@code oids} that the repository may serve. */
    public Map<String, Long> linkedSizes(long repositoryId, Collection<String> oids) {
        Map<String, Long> sizes = new HashMap<>();
        if (!oids.isEmpty()) {
            em.createQuery("select o.oid, o.size from LfsObject o, LfsLink l where l.key.repositoryId = :repo "
                            + "and l.key.oid = o.oid and o.oid in :oids", Object[].class)
                    .setParameter("repo", repositoryId).setParameter("oids", oids).getResultList()
                    .forEach(row -> sizes.put((String) row[0], (Long) row[1]));
        }
        return sizes;
    }

    /**
     * Records a stored object and links it to the repository; both idempotent. Its own transaction, so a
     * concurrent upload of the same object cannot undo the caller's work: the loser finds the rows there.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(long repositoryId, String oid, long size) {
        if (em.find(LfsObject.class, oid) == null) {
            em.persist(new LfsObject(oid, size, clock.instant()));
        }
        if (em.find(LfsLink.class, new LfsLink.Key(repositoryId, oid)) == null) {
            em.persist(new LfsLink(repositoryId, oid, clock.instant()));
        }
        try {
            em.flush();
        } catch (PersistenceException concurrentRecord) {
            context.setRollbackOnly(); // the concurrent upload recorded the same rows
        }
    }
}
