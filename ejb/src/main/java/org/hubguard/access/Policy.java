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
            case MANAGE_OWN_ACCOUNT -> resource instanceof String username && username.equalsIgnoreCase(caller.username());
            case ADMINISTER_USERS -> caller.admin();
        };
    }

    public void require(Caller caller, Action action, Object resource) {
        if (!allows(caller, action, resource)) {
            throw new AccessDeniedException(caller == null || caller.isAnonymous()
                    ? "You must be signed in."
                    : "You are not allowed to do this.");
        }
    }
}
