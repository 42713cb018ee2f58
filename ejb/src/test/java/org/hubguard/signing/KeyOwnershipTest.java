package org.hubguard.signing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The email proof an account gives to register a key: one of the key's certified emails is its verified email. */
class KeyOwnershipTest {

    private static final ParsedKey KEY = key(List.of("ann@example.test", "ann@work.example"));

    @Test
    void aVerifiedEmailAmongTheCertifiedOnesProvesTheKey() {
        assertDoesNotThrow(() -> KeyOwnership.requireProof(KEY, "ann@work.example", true));
        assertDoesNotThrow(() -> KeyOwnership.requireProof(KEY, "Ann@Example.TEST", true), "emails compare case-insensitively");
        assertTrue(KeyOwnership.proves(KEY, Set.of("ann@example.test")));
        assertFalse(KeyOwnership.proves(KEY, Set.of()));
    }

    @Test
    void anotherAccountsEmailIsRefusedWithTheKeysEmails() {
        GpgKeyException refused = assertThrows(GpgKeyException.class, () -> KeyOwnership.requireProof(KEY, "bob@example.test", true));
        assertEquals("This key's user IDs are ann@example.test, ann@work.example; your verified email bob@example.test must be one "
                + "of them. Add it with gpg --quick-add-uid KEYID 'Your Name <bob@example.test>' and export the key again.", refused.getMessage());
    }

    @Test
    void anUnverifiedEmailIsRefusedEvenWhenItIsTheKeys() {
        GpgKeyException refused = assertThrows(GpgKeyException.class, () -> KeyOwnership.requireProof(KEY, "ann@example.test", false));
        assertEquals("Verify your email address (ann@example.test) first: a key can be added only when one of its user IDs is your "
                + "verified email. This key's user IDs are ann@example.test, ann@work.example.", refused.getMessage());
    }

    @Test
    void aKeyWithoutCertifiedEmailsIsRefused() {
        GpgKeyException refused = assertThrows(GpgKeyException.class, () -> KeyOwnership.requireProof(key(List.of()), "ann@example.test", true));
        assertTrue(refused.getMessage().startsWith("This key has no user ID with an email address that its own key certifies, "), refused.getMessage());
    }

    private static ParsedKey key(List<String> emails) {
        return new ParsedKey("F".repeat(40), "F".repeat(16), Instant.EPOCH, null, false, true, emails, List.of(), List.of(), new byte[0]);
    }
}
