package org.hubguard.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PolicyTest {

    private final Policy policy = new Policy();
    private final Caller alice = new Caller("alice", false);
    private final Caller admin = new Caller("admin", true);

    @Test
    void anonymousCallersMayDoNothingProtected() {
        for (Action action : Action.values()) {
            assertFalse(policy.allows(Caller.ANONYMOUS, action, "alice"), action.name());
            assertFalse(policy.allows(null, action, "alice"), action.name());
        }
        assertEquals("You must be signed in.",
                assertThrows(AccessDeniedException.class, () -> policy.require(Caller.ANONYMOUS, Action.ADMINISTER_USERS, null)).getMessage());
    }

    @Test
    void aUserManagesOnlyTheirOwnAccount() {
        assertTrue(policy.allows(alice, Action.MANAGE_OWN_ACCOUNT, "alice"));
        assertTrue(policy.allows(alice, Action.MANAGE_OWN_ACCOUNT, "Alice"));
        assertFalse(policy.allows(alice, Action.MANAGE_OWN_ACCOUNT, "bob"));
        assertFalse(policy.allows(admin, Action.MANAGE_OWN_ACCOUNT, "alice"));
    }

    @Test
    void onlyAdministratorsAdministerUsers() {
        assertTrue(policy.allows(admin, Action.ADMINISTER_USERS, null));
        assertFalse(policy.allows(alice, Action.ADMINISTER_USERS, null));
        assertThrows(AccessDeniedException.class, () -> policy.require(alice, Action.ADMINISTER_USERS, "bob"));
    }
}
