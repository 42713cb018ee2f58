package org.hubguard.access;

/**
 * Who is asking, with the credential they used: a user (web session or user token), an organization (its
 * token; {@code username} is null), or nobody. Organization roles are looked up by the policy.
 */
public record Caller(String username, boolean admin, Credential credential) {

    public static final Caller ANONYMOUS = new Caller(null, false, null);

    public static Caller webSession(String username, boolean admin) {
        return new Caller(username, admin, new Credential.WebSession());
    }

    public static Caller organization(String organization, java.time.Instant tokenCreatedAt) {
        return new Caller(null, false, new Credential.OrgToken(organization, tokenCreatedAt));
    }

    public boolean isAnonymous() {
        return credential == null;
    }

    /** A person (not anonymous, not an organization token). */
    public boolean isUser() {
        return username != null;
    }

    public boolean usesWebSession() {
        return credential instanceof Credential.WebSession;
    }
}
