package org.hubguard.access;

import jakarta.ejb.Stateless;

/** The one decision point for "may this caller do this action to that resource". */
@Stateless
public class Policy {

    public boolean allows(Caller caller, Action action, Object resource) {
        if (caller == null || caller.isAnonymous()) {
            return false;
        }
        return switch (action) {
            // Account-level actions need the password, i.e. a web session: a token can never mint,
            // see or refresh tokens, change the password or act as an administrator.
            case MANAGE_OWN_ACCOUNT, MANAGE_TOKENS -> caller.usesWebSession() && isSelf(caller, resource);
            case ADMINISTER_USERS -> caller.usesWebSession() && caller.admin();
        };
    }

    public void require(Caller caller, Action action, Object resource) {
        if (!allows(caller, action, resource)) {
            throw new AccessDeniedException(deniedMessage(caller));
        }
    }

    private static boolean isSelf(Caller caller, Object resource) {
        return resource instanceof String username && username.equalsIgnoreCase(caller.username());
    }

    private static String deniedMessage(Caller caller) {
        if (caller == null || caller.isAnonymous()) {
            return "You must be signed in.";
        }
        if (!caller.usesWebSession()) {
            return "Access tokens cannot do this; sign in to hubguard's web pages instead.";
        }
        return "You are not allowed to do this.";
    }
}
