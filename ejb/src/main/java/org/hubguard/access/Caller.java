package org.hubguard.access;

/**
 * Who is asking: a user with the credential they used, or nobody. Later issues add organization roles;
 * the policy decides with all of it.
 */
public record Caller(String username, boolean admin, Credential credential) {

    public static final Caller ANONYMOUS = new Caller(null, false, null);

    public static Caller webSession(String username, boolean admin) {
        return new Caller(username, admin, new Credential.WebSession());
    }

    public boolean isAnonymous() {
        return username == null;
    }

    public boolean usesWebSession() {
        return credential instanceof Credential.WebSession;
    }
}
