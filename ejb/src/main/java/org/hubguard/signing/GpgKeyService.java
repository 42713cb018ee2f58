package org.hubguard.signing;

import java.time.Clock;
import org.hubguard.audit.AuditOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

/** Users' GPG public keys: add (or update, e.g. with a revocation), list, delete, and lookup by fingerprint or key id. */
@Stateless
public class GpgKeyService {

    @PersistenceContext
    EntityManager em;

    @Inject
    org.hubguard.audit.AuditLog audit;

    @Inject
    Policy policy;

    @Inject
    AccountService accounts;

    @Inject
    HubguardSigner signer;

    private final Clock clock = Clock.systemUTC();

    /**
     * Adds a pasted key, or updates it when the caller uploaded it before (e.g. with a revocation). A new key
     * needs the email proof of {@link KeyOwnership}; a key held by another account stays theirs unless that
     * account cannot prove it (registered before the proof was required), then it moves to the caller.
     */
    public GpgKey add(Caller caller, String armored) {
        User owner = owner(caller);
        ParsedKey parsed = GpgKeys.parse(armored);
        Optional<GpgKey> existing = em.createQuery("select k from GpgKey k where k.fingerprint = :fpr", GpgKey.class)
                .setParameter("fpr", parsed.fingerprint()).getResultStream().findFirst();
        GpgKey key;
        if (existing.isPresent() && existing.get().getOwner().getId().equals(owner.getId())) {
            key = existing.get(); // its owner proved it when adding it; an update may even revoke that user ID
            key.update(armored.trim(), parsed);
        } else if (existing.isPresent()) {
            key = existing.get();
            if (KeyOwnership.proves(parsed, verifiedEmails(key.getOwner()))) {
                throw new GpgKeyException("This key is already registered to another account.");
            }
            KeyOwnership.requireProof(parsed, owner.getEmail(), owner.isEmailVerified());
            key.reassign(owner);
            key.update(armored.trim(), parsed);
        } else {
            KeyOwnership.requireProof(parsed, owner.getEmail(), owner.isEmailVerified());
            key = new GpgKey(owner, armored.trim(), parsed, clock.instant());
            em.persist(key);
        }
        bumpGeneration();
        audit.record("gpg_key.add", caller, "key " + parsed.fingerprint(), null, AuditOutcome.SUCCESS, existing.isPresent() ? "updated" : null);
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
        audit.record("gpg_key.delete", caller, "key " + key.getFingerprint(), null, AuditOutcome.SUCCESS, null);
        em.remove(key);
        bumpGeneration();
    }

    /** Every uploaded key (and hubguard's own) holding a (sub)key with this fingerprint, whoever holds it. */
    public List<KnownKey> withFingerprint(String fingerprint) {
        return known(signer.asKnownKey().key().allFingerprints().contains(fingerprint),
                em.createQuery("select distinct k from GpgKey k join k.fingerprints f where f.fingerprint = :fpr order by k.id", GpgKey.class)
                        .setParameter("fpr", fingerprint).getResultList());
    }

    /** Every uploaded key (and hubguard's own) holding a (sub)key whose fingerprint ends with this key id. */
    public List<KnownKey> withKeyId(String keyId) {
        return known(signer.asKnownKey().key().allFingerprints().stream().anyMatch(f -> f.endsWith(keyId)),
                em.createQuery("select distinct k from GpgKey k join k.fingerprints f where f.keyId = :id order by k.id", GpgKey.class)
                        .setParameter("id", keyId).getResultList());
    }

    /** The keys as the verifier sees them: hubguard's own first, then uploaded keys with their owners' verified emails. */
    private List<KnownKey> known(boolean includeServerKey, List<GpgKey> uploaded) {
        List<KnownKey> keys = new ArrayList<>();
        if (includeServerKey) {
            keys.add(signer.asKnownKey());
        }
        uploaded.forEach(k -> keys.add(new KnownKey(k.parsed(), k.getOwner().getUsername(), verifiedEmails(k.getOwner()))));
        return keys;
    }

    private static Set<String> verifiedEmails(User user) {
        return user.isEmailVerified() ? Set.of(user.getEmail().toLowerCase(Locale.ROOT)) : Set.of();
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
