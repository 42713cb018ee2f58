package org.hubguard.signing;

import java.time.Clock;
import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The signing status of commits, computed on first view and cached per commit id; a change to keys or
 * verified emails bumps the generation, and older verdicts are recomputed on their next view.
 */
@Stateless
public class SignatureService {

    @PersistenceContext
    EntityManager em;

    @Inject
    GpgKeyService keys;

    private final Clock clock = Clock.systemUTC();

    public SignatureCheck check(String commitId, byte[] rawCommit, String committerEmail) {
        long generation = em.find(SignatureGeneration.class, 1).getGeneration();
        CommitSignature cached = em.find(CommitSignature.class, commitId);
        if (cached != null && cached.getGeneration() == generation) {
            return cached.toCheck();
        }
        SignatureCheck check = CommitSignatures.verify(rawCommit, committerEmail, directory());
        store(commitId, generation, check, cached);
        return check;
    }

    /** The uploaded keys, looked up through the key service (and so within this transaction). */
    private KeyDirectory directory() {
        return new KeyDirectory() {
            @Override
            public List<KnownKey> withFingerprint(String fingerprint) {
                return keys.withFingerprint(fingerprint);
            }

            @Override
            public List<KnownKey> withKeyId(String keyId) {
                return keys.withKeyId(keyId);
            }
        };
    }

    private void store(String commitId, long generation, SignatureCheck check, CommitSignature cached) {
        if (cached != null) {
            em.remove(cached);
            em.flush();
        }
        em.persist(new CommitSignature(commitId, generation, check, clock.instant()));
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public long generation() {
        return em.find(SignatureGeneration.class, 1).getGeneration();
    }
}
