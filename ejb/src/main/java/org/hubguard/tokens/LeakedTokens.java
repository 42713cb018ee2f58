package org.hubguard.tokens;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.hubguard.access.Action;
import org.hubguard.access.Caller;
import org.hubguard.access.Policy;
import org.hubguard.accounts.User;
import org.hubguard.accounts.SecretTokens;
import org.hubguard.audit.AuditLog;
import org.hubguard.audit.AuditOutcome;
import org.hubguard.orgs.Organization;

/**
 * Revokes tokens that leaked: found in a push (push protection) or reported by a secret scanner. The tokens of
 * one push or report are looked up together (one query per {@value #LOOKUP_BATCH} hashes: well-formed dead tokens
 * are cheap to make, so each must not cost a query) and revoked in a transaction of their own, so the revocations
 * stand even when the push that carried them is refused; the owner is told on the tokens page and by mail, and the
 * audit log records it.
 */
@Stateless
public class LeakedTokens {

    public static final String REVOKED_BY_SCAN = "token.revoke_by_scan";
    public static final String REVOKED_BY_REPORT = "token.revoke_by_report";
    /** Hashes per lookup query. */
    static final int LOOKUP_BATCH = 500;

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    Event<LeakedTokenMail> mails;

    @Inject
    Policy policy;

    private final Clock clock = Clock.systemUTC();

    /**
     * Revokes the live tokens among those a change to a repository revealed (well-formed tokens nobody holds are
     * left alone), all looked up at once. An owner is told where only if they may read the repository; otherwise
     * "a repository you cannot see" (no name, no path, no pusher). The audit event belongs to the repository's
     * organization, where it happened, not to the token's.
     *
     * @param placeBySecret where in the change each token is: "config.py line 3", "the path creds/[secret].txt"
     *                      (secrets redacted)
     * @param pusher        who revealed them
     * @return the secrets that were live, and are revoked now
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Set<String> revokeFound(Map<String, String> placeBySecret, Caller pusher, LeakSite site) {
        Set<String> revoked = new HashSet<>();
        Map<String, AccessToken> tokens = tokensOf(placeBySecret.keySet());
        Map<String, Organization> orgs = organizationsOf(placeBySecret.keySet());
        placeBySecret.forEach((secret, place) -> {
            String where = "found in a change to " + site.repository() + ", " + place;
            AccessToken token = tokens.get(secret);
            if (token != null) {
                User owner = token.getOwner();
                boolean mayRead = policy.allows(Caller.webSession(owner.getUsername(), owner.isAdmin()), Action.READ_REPO, site.resource());
                revoke(token, REVOKED_BY_SCAN, pusher, where, site.organization(), mayRead ? where : "found in a repository you cannot see");
                revoked.add(secret);
            } else if (orgs.containsKey(secret)) {
                revoke(orgs.get(secret), REVOKED_BY_SCAN, pusher, where, site.organization());
                revoked.add(secret);
            }
        });
        return revoked;
    }

    /** Revokes the live tokens among those somebody reported (POST /api/credentials/revoke), all looked up at once. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void revokeReported(Set<String> secrets) {
        String where = "reported through POST /api/credentials/revoke";
        tokensOf(secrets).values().forEach(token -> revoke(token, REVOKED_BY_REPORT, Caller.ANONYMOUS, where, null, where));
        // A report concerns the organization alone: its admins may read the event.
        organizationsOf(secrets).values().forEach(org -> revoke(org, REVOKED_BY_REPORT, Caller.ANONYMOUS, where, org.getName()));
    }

    private void revoke(AccessToken leaked, String event, Caller reporter, String where, String organization, String toOwner) {
        User owner = leaked.getOwner();
        String reason = "Revoked " + clock.instant() + ": " + toOwner + ".";
        em.persist(new TokenRevocation(owner, leaked.getName(), leaked.getLastFour(), reason, clock.instant()));
        em.remove(leaked);
        audit.record(event, reporter, "token '" + leaked.getName() + "' of " + owner.getUsername(), organization, AuditOutcome.SUCCESS, where);
        mails.fire(new LeakedTokenMail(owner.getUsername(), owner.getEmail(), leaked.getName(), reason));
    }

    private void revoke(Organization org, String event, Caller reporter, String where, String organization) {
        org.revokeToken();
        audit.record(event, reporter, "organization token of " + org.getName(), organization, AuditOutcome.SUCCESS, where);
    }

    /** The live user tokens among {@code secrets}, by secret: one query per {@value #LOOKUP_BATCH} hashes. */
    private Map<String, AccessToken> tokensOf(Collection<String> secrets) {
        Map<String, AccessToken> found = new HashMap<>();
        for (Map<String, String> batch : hashBatches(secrets)) {
            em.createQuery("select t.tokenHash, t from AccessToken t join fetch t.owner where t.tokenHash in :hashes", Object[].class)
                    .setParameter("hashes", batch.keySet()).getResultList()
                    .forEach(row -> found.put(batch.get((String) row[0]), (AccessToken) row[1]));
        }
        return found;
    }

    /** The organizations whose token is among {@code secrets}, by secret. */
    private Map<String, Organization> organizationsOf(Collection<String> secrets) {
        Map<String, Organization> found = new HashMap<>();
        for (Map<String, String> batch : hashBatches(secrets)) {
            em.createQuery("select o.tokenHash, o from Organization o where o.tokenHash in :hashes", Object[].class)
                    .setParameter("hashes", batch.keySet()).getResultList()
                    .forEach(row -> found.put(batch.get((String) row[0]), (Organization) row[1]));
        }
        return found;
    }

    /** The well-formed secrets by their hash, {@value #LOOKUP_BATCH} at a time (a malformed one is nobody's). */
    static List<Map<String, String>> hashBatches(Collection<String> secrets) {
        List<Map<String, String>> batches = new ArrayList<>();
        Map<String, String> batch = new HashMap<>();
        for (String secret : new LinkedHashSet<>(secrets)) {
            if (!TokenFormat.isWellFormed(secret)) {
                continue;
            }
            if (batch.size() == LOOKUP_BATCH) {
                batches.add(batch);
                batch = new HashMap<>();
            }
            batch.put(SecretTokens.sha256(secret), secret);
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    /** The revocations to tell {@code username} about, newest first. */
    public java.util.List<TokenRevocation> noticesFor(String username) {
        return em.createQuery("select r from TokenRevocation r where r.owner.namespace.nameKey = :user order by r.revokedAt desc",
                        TokenRevocation.class)
                .setParameter("user", org.hubguard.accounts.Namespace.keyOf(username)).setMaxResults(20).getResultList();
    }
}
