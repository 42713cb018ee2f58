package org.hubguard.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TokenFormatTest {

    @Test
    void generatedTokensHaveThePrefixLengthAndAValidChecksum() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String token = TokenFormat.generate();
            assertTrue(token.startsWith("hf_"), token);
            assertEquals(37, token.length());
            assertTrue(token.substring(3).matches("[0-9A-Za-z]{34}"), token);
            assertTrue(TokenFormat.isWellFormed(token), token);
            assertTrue(seen.add(token));
        }
    }

    @Test
    void anyChangedCharacterBreaksTheChecksum() {
        String token = TokenFormat.generate();
        for (int i = 3; i < token.length(); i++) {
            char original = token.charAt(i);
            char other = original == 'a' ? 'b' : 'a';
            String changed = token.substring(0, i) + other + token.substring(i + 1);
            assertFalse(TokenFormat.isWellFormed(changed), "changed at " + i);
        }
    }

    @Test
    void refusesWrongPrefixLengthAndAlphabet() {
        String token = TokenFormat.generate();
        assertFalse(TokenFormat.isWellFormed(null));
        assertFalse(TokenFormat.isWellFormed(""));
        assertFalse(TokenFormat.isWellFormed("hg_" + token.substring(3)));
        assertFalse(TokenFormat.isWellFormed(token + "a"));
        assertFalse(TokenFormat.isWellFormed(token.substring(0, 36)));
        assertFalse(TokenFormat.isWellFormed(token.substring(0, 10) + "-" + token.substring(11)));
        assertFalse(TokenFormat.isWellFormed("hf_" + "a".repeat(34)));
    }

    @Test
    void theChecksumIsCrc32InSixBase62Digits() {
        // CRC32("hf_") = 0x71f6c3ce, in base62 left-padded to 6 digits (computed independently with Python's zlib)
        assertEquals("25OXra", TokenFormat.checksum("hf_"));
        assertEquals("000000", TokenFormat.checksum(""));
        assertEquals("wxyz", TokenFormat.lastFour("hf_abcwxyz"));
    }
}
