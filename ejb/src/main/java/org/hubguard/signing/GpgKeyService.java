package org.hubguard.signing;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.hubguard.access.AccessDeniedException;
import org.hubguard.access.Action;
import org.hubguard.access.Caller;
import org.hubguard.access.Denial;
import org.hubguard.access.Policy;
import org.hubguard.access.Resources;
import org.hubguard.accounts.AccountService;
import org.hubguard.accounts.EmailVerified;
import org.hubguard.accounts.User;

/** Users' GPG public keys: add (or update, e.g. with a revocation), list, delete, and lookup by key id. */
@Stateless
public class GpgKeyService {

    @PersistenceContext
    EntityManager em;

    @Inject
    Policy policy;

    @Inject
    AccountService accounts;

    @Inject
    HubguardSigner signer;

    private final Clock clock = Clock.systemUTC();

    /** Adds a pasted key, or updates it when the caller uploaded it before. */
    public GpgKey add(Caller caller, String armored) {
        User owner = owner(caller);
        ParsedKey parsed = GpgKeys.parse(armored);
        Optional<GpgKey> existing = em.createQuery("select k from GpgKey k where k.fingerprint = :fpr", GpgKey.class)
                .setParameter("fpr", parsed.fingerprint()).getResultStream().findFirst();
        GpgKey key;
        if (existing.isPresent()) {
            key = existing.get();
            if (!key.getOwner().getId().equals(owner.getId())) {
                throw new GpgKeyException("This key is already registered to another account.");
            }
            key.update(armored.trim(), parsed);
        } else {
            key = new GpgKey(owner, armored.trim(), parsed, clock.instant());
            em.persist(key);
        }
        bumpGeneration();
        return key;
    }

    public List<GpgKey> list(Caller caller) {
        User owner = owner(caller);
        return em.createQuery("select k from GpgKey k where k.owner = :owner order by k.uploadedAt", GpgKey.class)
                .setParameter("owner", owner).getResultList();
    }

    public void delete(Caller caller, long keyId) {
        User owner = owner(caller);
        GpgKey key = em.find(GpgKey.class, keyId);
        if (key == null || !key.getOwner().getId().equals(owner.getId())) {
            throw new GpgKeyException("There is no such key; it may have been deleted already.");
        }
        em.remove(key);
        bumpGeneration();
    }

    /** The uploaded key holding this (primary or sub) key id, with its owner's verified emails. */
    public Optional<KnownKey> find(long keyId) {
        if (signer.holds(keyId)) {
            return Optional.of(signer.asKnownKey());
        }
        String id = GpgKeys.keyId(keyId);
        return em.createQuery("select k from GpgKey k join k.keyIds i where i = :id", GpgKey.class)
                .setParameter("id", id).getResultStream().findFirst()
                .map(k -> new KnownKey(k.parsed(), k.getOwner().getUsername(),
                        k.getOwner().isEmailVerified() ? Set.of(k.getOwner().getEmail()) : Set.of()));
    }

    /** Whether {@code email} is a verified address of the user (shown beside a key's emails). */
    public boolean isVerifiedEmailOf(String username, String email) {
        return accounts.findByUsername(username).filter(User::isEmailVerified)
                .map(u -> u.getEmail().equalsIgnoreCase(email)).orElse(false);
    }

    /** A newly verified email can turn "unverified_email" into Verified: recompute cached verdicts. */
    public void onEmailVerified(@Observes EmailVerified event) {
        bumpGeneration();
    }

    void bumpGeneration() {
        em.createQuery("update SignatureGeneration g set g.generation = g.generation + 1").executeUpdate();
    }

    private User owner(Caller caller) {
        policy.require(caller, Action.MANAGE_OWN_ACCOUNT, new Resources.Account(caller == null ? null : caller.username()));
        return accounts.findByUsername(caller.username()).orElseThrow(() -> new AccessDeniedException(Denial.NOT_SIGNED_IN));
    }
}
