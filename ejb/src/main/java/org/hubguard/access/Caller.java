package org.hubguard.access;

/**
 * Who is asking: a signed-in user or nobody. Later issues add the credential (web session or token kind
 * and permissions) and organization roles; the policy decides with all of it.
 */
public record Caller(String username, boolean admin) {

    public static final Caller ANONYMOUS = new Caller(null, false);

    public boolean isAnonymous() {
        return username == null;
    }
}
