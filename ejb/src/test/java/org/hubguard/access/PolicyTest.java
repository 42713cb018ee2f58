package org.hubguard.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.hubguard.tokens.TokenRole;
import org.junit.jupiter.api.Test;

class PolicyTest {

    private final Policy policy = new Policy();
    private final Caller alice = Caller.webSession("alice", false);
    private final Caller admin = Caller.webSession("admin", true);

    @Test
    void anonymousCallersMayDoNothingProtected() {
        for (Action action : Action.values()) {
            assertFalse(policy.allows(Caller.ANONYMOUS, action, new Resources.Account("alice")), action.name());
            assertFalse(policy.allows(null, action, new Resources.Account("alice")), action.name());
        }
        assertEquals("You must be signed in (or send an access token).",
                assertThrows(AccessDeniedException.class, () -> policy.require(Caller.ANONYMOUS, Action.ADMINISTER_USERS, Resources.SITE)).getMessage());
    }

    @Test
    void aUserManagesOnlyTheirOwnAccount() {
        assertTrue(policy.allows(alice, Action.MANAGE_OWN_ACCOUNT, new Resources.Account("alice")));
        assertTrue(policy.allows(alice, Action.MANAGE_OWN_ACCOUNT, new Resources.Account("Alice")));
        assertFalse(policy.allows(alice, Action.MANAGE_OWN_ACCOUNT, new Resources.Account("bob")));
        assertFalse(policy.allows(admin, Action.MANAGE_OWN_ACCOUNT, new Resources.Account("alice")));
    }

    @Test
    void onlyAWebSessionManagesTokensAndTheAccountNeverAToken() {
        assertTrue(policy.allows(alice, Action.MANAGE_TOKENS, new Resources.Account("alice")));
        assertFalse(policy.allows(alice, Action.MANAGE_TOKENS, new Resources.Account("bob")));
        for (TokenRole role : TokenRole.values()) {
            Caller withToken = new Caller("alice", false, new Credential.Token(1, "t", role, List.of(), Instant.EPOCH));
            Caller adminWithToken = new Caller("admin", true, new Credential.Token(2, "t", role, List.of(), Instant.EPOCH));
            assertFalse(policy.allows(withToken, Action.MANAGE_TOKENS, new Resources.Account("alice")), role.name());
            assertFalse(policy.allows(withToken, Action.MANAGE_OWN_ACCOUNT, new Resources.Account("alice")), role.name());
            assertFalse(policy.allows(adminWithToken, Action.ADMINISTER_USERS, Resources.SITE), role.name());
            assertEquals("Access tokens cannot do this; sign in to hubguard's web pages instead.",
                    assertThrows(AccessDeniedException.class, () -> policy.require(withToken, Action.MANAGE_TOKENS, new Resources.Account("alice"))).getMessage());
        }
    }

    @Test
    void onlyAdministratorsAdministerUsers() {
        assertTrue(policy.allows(admin, Action.ADMINISTER_USERS, Resources.SITE));
        assertFalse(policy.allows(alice, Action.ADMINISTER_USERS, Resources.SITE));
        assertThrows(AccessDeniedException.class, () -> policy.require(alice, Action.ADMINISTER_USERS, Resources.SITE));
    }
}
