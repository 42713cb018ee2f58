package org.hubguard.tokens;

import java.time.Clock;
import java.util.Optional;

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
 * Revokes tokens that leaked: found in a push (push protection) or reported by a secret scanner. Each
 * revocation commits on its own, so it stands even when the push that carried the token is refused; the owner
 * is told on the tokens page and by mail, and the audit log records it.
 */
@Stateless
public class LeakedTokens {

    public static final String REVOKED_BY_SCAN = "token.revoke_by_scan";
    public static final String REVOKED_BY_REPORT = "token.revoke_by_report";

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
     * Revokes the live token {@code secret} that a change to a repository revealed, if it is one (a well-formed
     * token nobody holds is left alone). Its owner is told where only if they may read the repository; otherwise
     * "a repository you cannot see" (no name, no path, no pusher). The audit event belongs to the repository's
     * organization, where it happened, not to the token's.
     *
     * @param pusher who revealed it
     * @param place  where in the change: "config.py line 3", "the path creds/[secret].txt" (secrets redacted)
     * @return "token 'ci' of alice" when a token was revoked
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<String> revokeFound(String secret, Caller pusher, LeakSite site, String place) {
        String where = "found in a change to " + site.repository() + ", " + place;
        return revoke(secret, REVOKED_BY_SCAN, pusher, where, site, owner -> policy.allows(
                Caller.webSession(owner.getUsername(), owner.isAdmin()), Action.READ_REPO, site.resource())
                ? where : "found in a repository you cannot see");
    }

    /** Revokes the live token {@code secret} somebody reported (POST /api/credentials/revoke). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<String> revokeReported(String secret) {
        String where = "reported through POST /api/credentials/revoke";
        return revoke(secret, REVOKED_BY_REPORT, Caller.ANONYMOUS, where, null, owner -> where);
    }

    /**
     * @param site     where a change revealed it, or null for a report
     * @param toOwner  what the token's owner is told of where it was found
     */
    private Optional<String> revoke(String secret, String event, Caller reporter, String where, LeakSite site,
                                    java.util.function.Function<User, String> toOwner) {
        if (!TokenFormat.isWellFormed(secret)) {
            return Optional.empty();
        }
        String hash = SecretTokens.sha256(secret);
        Optional<AccessToken> token = em.createQuery("select t from AccessToken t where t.tokenHash = :hash", AccessToken.class)
                .setParameter("hash", hash).getResultStream().findFirst();
        if (token.isPresent()) {
            AccessToken leaked = token.get();
            String owner = leaked.getOwner().getUsername();
            String reason = "Revoked " + clock.instant() + ": " + toOwner.apply(leaked.getOwner()) + ".";
            em.persist(new TokenRevocation(leaked.getOwner(), leaked.getName(), leaked.getLastFour(), reason, clock.instant()));
            em.remove(leaked);
            String described = "token '" + leaked.getName() + "' of " + owner;
            audit.record(event, reporter, described, site == null ? null : site.organization(), AuditOutcome.SUCCESS, where);
            mails.fire(new LeakedTokenMail(owner, leaked.getOwner().getEmail(), leaked.getName(), reason));
            return Optional.of(described);
        }
        Optional<Organization> org = em.createQuery("select o from Organization o where o.tokenHash = :hash", Organization.class)
                .setParameter("hash", hash).getResultStream().findFirst();
        org.ifPresent(Organization::revokeToken);
        // A report concerns the organization alone; a find in a change belongs to the repository's organization.
        org.ifPresent(o -> audit.record(event, reporter, "organization token of " + o.getName(),
                site == null ? o.getName() : site.organization(), AuditOutcome.SUCCESS, where));
        return org.map(o -> "the organization token of " + o.getName());
    }

    /** The revocations to tell {@code username} about, newest first. */
    public java.util.List<TokenRevocation> noticesFor(String username) {
        return em.createQuery("select r from TokenRevocation r where r.owner.namespace.nameKey = :user order by r.revokedAt desc",
                        TokenRevocation.class)
                .setParameter("user", org.hubguard.accounts.Namespace.keyOf(username)).setMaxResults(20).getResultList();
    }
}
