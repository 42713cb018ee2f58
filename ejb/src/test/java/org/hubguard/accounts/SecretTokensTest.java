package org.hubguard.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SecretTokensTest {

    @Test
    void urlTokensAreLongUrlSafeAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = SecretTokens.newUrlToken();
            assertEquals(43, token.length());
            assertTrue(token.matches("[A-Za-z0-9_-]+"), token);
            assertTrue(seen.add(token));
        }
    }

    @Test
    void generatedPasswordsAvoidLookAlikesAndPassTheRules() {
        String password = SecretTokens.newPassword(20);
        assertEquals(20, password.length());
        assertTrue(password.matches("[A-HJ-NP-Za-km-z2-9]+"), password);
        assertTrue(PasswordRules.problemWith(password, "admin").isEmpty());
    }

    @Test
    void theStoredDigestIsSha256Hex() {
        assertEquals("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", SecretTokens.sha256("hello"));
        assertNotEquals(SecretTokens.sha256("a"), SecretTokens.sha256("b"));
    }
}
