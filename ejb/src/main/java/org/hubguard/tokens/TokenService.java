package org.hubguard.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.hubguard.access.AccessDeniedException;
import org.hubguard.access.Action;
import org.hubguard.access.Caller;
import org.hubguard.access.Credential;
import org.hubguard.access.Denial;
import org.hubguard.access.Policy;
import org.hubguard.access.Resources;
import org.hubguard.accounts.AccountService;
import org.hubguard.accounts.NameRules;
import org.hubguard.accounts.SecretTokens;
import org.hubguard.accounts.User;
import org.hubguard.audit.AuditLog;
import org.hubguard.audit.AuditOutcome;
import org.hubguard.orgs.Organization;

/** Issues, refreshes, deletes and checks user access tokens. */
@Stateless
public class TokenService {

    public static final int MAX_NAME_LENGTH = 100;
    /** "last used" is written at most this often per token, not on every request. */
    static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    Policy policy;

    @Inject
    AccountService accounts;

    private final Clock clock = Clock.systemUTC();

    /**
     * Creates a token for the caller. {@code grants} only count for fine-grained tokens, which need at
     * least one. {@code expiresOn} (optional) is the last day the token works, in UTC.
     */
    public IssuedToken create(Caller caller, String name, TokenRole role, List<TokenGrant> grants, LocalDate expiresOn) {
        User owner = owner(caller);
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty()) {
            throw new TokenException("Give the token a name, so you can tell what uses it.");
        }
        if (trimmed.length() > MAX_NAME_LENGTH) {
            throw new TokenException("A token name can be at most " + MAX_NAME_LENGTH + " characters long.");
        }
        if (role == null) {
            throw new TokenException("Choose the token's role: read, write or fine-grained.");
        }
        List<TokenGrant> checkedGrants = role == TokenRole.FINE_GRAINED ? checkGrants(grants) : List.of();
        Instant now = clock.instant();
        Instant expiresAt = null;
        if (expiresOn != null) {
            expiresAt = expiresOn.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            if (!expiresAt.isAfter(now)) {
                throw new TokenException("The expiry date must be today or later.");
            }
        }
        boolean nameTaken = em.createQuery("select count(t) from AccessToken t where t.owner = :owner and t.name = :name", Long.class)
                .setParameter("owner", owner).setParameter("name", trimmed).getSingleResult() > 0;
        if (nameTaken) {
            throw new TokenException("You already have a token named '" + trimmed + "'.");
        }
        AccessToken token = new AccessToken(owner, trimmed, role, checkedGrants, now, expiresAt);
        String secret = TokenFormat.generate();
        token.setSecret(secret, now);
        em.persist(token);
        try {
            em.flush(); // two identical requests at once: the second fails on the unique (user, name) key
        } catch (jakarta.persistence.PersistenceException e) {
            throw new TokenException("You already have a token named '" + trimmed + "'.");
        }
        audit.record("token.create", caller, describe(token), null, AuditOutcome.SUCCESS, token.getRole().name().toLowerCase(java.util.Locale.ROOT));
        return new IssuedToken(token, secret);
    }

    public List<AccessToken> list(Caller caller) {
        User owner = owner(caller);
        return em.createQuery("select t from AccessToken t where t.owner = :owner order by t.createdAt desc, t.id desc", AccessToken.class)
                .setParameter("owner", owner).getResultList();
    }

    /** A new secret for the same token; the old secret stops working on the next request. */
    public IssuedToken refresh(Caller caller, long tokenId) {
        AccessToken token = ownToken(caller, tokenId);
        String secret = TokenFormat.generate();
        token.setSecret(secret, clock.instant());
        audit.record("token.refresh", caller, describe(token), null, AuditOutcome.SUCCESS, null);
        return new IssuedToken(token, secret);
    }

    public void delete(Caller caller, long tokenId) {
        AccessToken token = ownToken(caller, tokenId);
        audit.record("token.delete", caller, describe(token), null, AuditOutcome.SUCCESS, null);
        em.remove(token);
    }

    /** How the audit log names a token: by its name and owner, never its secret. */
    private static String describe(AccessToken token) {
        return "token '" + token.getName() + "' of " + token.getOwner().getUsername();
    }

    /** Who a presented token stands for, or why it is refused. Never logs or returns the token. */
    public TokenCheck check(String secret) {
        if (!TokenFormat.isWellFormed(secret)) {
            return new TokenCheck.Refused("Invalid credentials in Authorization header: this is not a hubguard access token.");
        }
        Optional<AccessToken> found = em.createQuery("select t from AccessToken t where t.tokenHash = :hash", AccessToken.class)
                .setParameter("hash", SecretTokens.sha256(secret))
                .getResultStream().findFirst();
        if (found.isEmpty()) {
            Optional<Organization> organization = em.createQuery(
                            "select o from Organization o where o.tokenHash = :hash", Organization.class)
                    .setParameter("hash", SecretTokens.sha256(secret))
                    .getResultStream().findFirst();
            if (organization.isPresent()) {
                return new TokenCheck.Valid(Caller.organization(organization.get().getName(), organization.get().getTokenCreatedAt()));
            }
            return new TokenCheck.Refused("Invalid credentials in Authorization header: this token does not exist "
                    + "(it may have been deleted or refreshed).");
        }
        AccessToken token = found.get();
        Instant now = clock.instant();
        if (token.isExpired(now)) {
            return new TokenCheck.Refused("Invalid credentials in Authorization header: this token expired on "
                    + token.getExpiresAt() + ".");
        }
        if (token.getLastUsedAt() == null || token.getLastUsedAt().plus(LAST_USED_PRECISION).isBefore(now)) {
            token.markUsed(now);
        }
        User owner = token.getOwner();
        return new TokenCheck.Valid(new Caller(owner.getUsername(), owner.isAdmin(),
                new Credential.Token(token.getId(), token.getName(), token.getRole(), token.getGrants(), token.getCreatedAt())));
    }

    private User owner(Caller caller) {
        policy.require(caller, Action.MANAGE_TOKENS, new Resources.Account(caller == null ? null : caller.username()));
        return accounts.findByUsername(caller.username())
                .orElseThrow(() -> new AccessDeniedException(Denial.NOT_SIGNED_IN));
    }

    private AccessToken ownToken(Caller caller, long tokenId) {
        User owner = owner(caller);
        AccessToken token = em.find(AccessToken.class, tokenId);
        if (token == null || !token.getOwner().getId().equals(owner.getId())) {
            throw new TokenException("There is no such token; it may have been deleted already.");
        }
        return token;
    }

    private static List<TokenGrant> checkGrants(List<TokenGrant> grants) {
        if (grants == null || grants.isEmpty()) {
            throw new TokenException("A fine-grained token needs at least one permission.");
        }
        for (TokenGrant grant : grants) {
            if (grant.getScopeKind().needsName()) {
                String scope = grant.getScopeName();
                if (scope == null || scope.isBlank()) {
                    throw new TokenException("Name the " + grant.getScopeKind().wireName() + " that " + grant.getPermission().wireName() + " applies to.");
                }
                boolean repository = grant.getScopeKind() == org.hubguard.tokens.ScopeKind.MODEL
                        || grant.getScopeKind() == org.hubguard.tokens.ScopeKind.DATASET;
                String[] parts = scope.split("/", -1);
                boolean valid = repository
                        ? parts.length == 2 && NameRules.problemWith(parts[0]).isEmpty() && !parts[1].isBlank() && parts[1].length() <= 96
                        : parts.length == 1 && NameRules.problemWith(scope).isEmpty();
                if (!valid) {
                    throw new TokenException("'" + scope + "' is not a valid " + grant.getScopeKind().wireName()
                            + (repository ? " name (expected namespace/name)." : " name."));
                }
            }
        }
        return List.copyOf(new LinkedHashSet<>(grants));
    }
}
