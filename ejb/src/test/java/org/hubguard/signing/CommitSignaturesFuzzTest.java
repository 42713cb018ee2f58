package org.hubguard.signing;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the commit-signature reader: raw commits and tags as git stores them (seeds in
 * CommitSignaturesFuzzTestInputs/verify, signed by the real git and gpg with the keys in fuzz-keys, written
 * by src/test/fuzz/make-seeds.sh), verified against those keys. The reader never throws: whatever the
 * input, the answer is a verdict (a damaged signature is {@code malformed_signature}); an exception or a hang
 * is a finding.
 */
class CommitSignaturesFuzzTest {

    private static final KeyDirectory KEYS = KeyDirectory.of(List.of(
            known("rsa", "rsa@example.test"), known("ed", "ed@example.test", "ed@work.example"),
            known("nist", "nist@example.test"), known("gone", "gone@example.test")));

    @Timeout(5) // per input, while fuzzing: libFuzzer reports a slower input as a timeout finding
    @FuzzTest(maxDuration = "25s")
    void verify(byte[] raw) {
        String committer = committerEmail(raw);
        check(CommitSignatures.verify(raw, committer, KEYS));
        check(CommitSignatures.verifyTag(raw, committer, KEYS));
    }

    private static void check(SignatureCheck verdict) {
        assertNotNull(verdict);
        switch (verdict.status()) {
            case UNSIGNED -> assertNull(verdict.reason());
            case VERIFIED -> assertTrue(verdict.reason() == null && verdict.signer() != null && verdict.keyFingerprint() != null, verdict.toString());
            case UNVERIFIED -> assertTrue(Set.of("unknown_key", "bad_signature", "malformed_signature", "expired_key", "revoked_key",
                    "unverified_email", "email_mismatch", "not_signing_key", "unbound_subkey", "uncertified_uid").contains(verdict.reason()), verdict.toString());
        }
    }

    /** The address in the committer (or tagger) line, as the server passes it: a fuzzed commit may name anyone. */
    private static String committerEmail(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            if ((line.startsWith("committer ") || line.startsWith("tagger ")) && line.indexOf('<') >= 0 && line.indexOf('>') > line.indexOf('<')) {
                return line.substring(line.indexOf('<') + 1, line.indexOf('>'));
            }
        }
        return "";
    }

    private static KnownKey known(String name, String... verifiedEmails) {
        try (InputStream in = CommitSignaturesFuzzTest.class.getResourceAsStream("fuzz-keys/" + name + ".asc")) {
            return new KnownKey(GpgKeys.parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII)), name, Set.of(verifiedEmails));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
