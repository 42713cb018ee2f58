package org.hubguard.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the key parser (and the key proof behind it) from real gpg exports (seeds in
 * GpgKeysFuzzTestInputs/parse, written by src/test/fuzz/make-seeds.sh): an input that starts like armor is
 * pasted as it is, anything else is armored first so that the OpenPGP packet reader gets arbitrary binary
 * keys. The only acceptable failure is the parser's own refusal; any other exception, or a hang, is a finding.
 */
class GpgKeysFuzzTest {

    private static final byte[] ARMOR = "-----BEGIN".getBytes(StandardCharsets.US_ASCII);

    @Timeout(5) // per input, while fuzzing: libFuzzer reports a slower input as a timeout finding
    @FuzzTest(maxDuration = "25s")
    void parse(byte[] input) {
        String pasted = startsWithArmor(input) ? new String(input, StandardCharsets.UTF_8) : armored(input);
        ParsedKey key;
        try {
            key = GpgKeys.parse(pasted);
        } catch (GpgKeyException refused) {
            return;
        }
        // What was accepted must be storable and found again: its stored form reads back as the same key.
        assertEquals(key.fingerprint(), GpgKeys.fingerprint(GpgKeys.ring(key.encoded()).getPublicKey()));
        assertTrue(key.fingerprint().endsWith(key.keyId()));
        assertEquals(key.fingerprint(), key.allFingerprints().get(0));
        key.subkeys().forEach(s -> assertTrue(s.fingerprint().endsWith(s.keyId())));
        key.ignored().forEach(ParsedKey.Ignored::describe);
    }

    private static boolean startsWithArmor(byte[] input) {
        if (input.length < ARMOR.length) {
            return false;
        }
        for (int i = 0; i < ARMOR.length; i++) {
            if (input[i] != ARMOR[i]) {
                return false;
            }
        }
        return true;
    }

    /** Binary input in public-key armor (without the optional checksum, which the reader does not require). */
    private static String armored(byte[] binary) {
        return "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(binary)
                + "\n-----END PGP PUBLIC KEY BLOCK-----\n";
    }
}
