package org.hubguard.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keys made by the real gpg, commits signed by the real git; verified in-process with Bouncy Castle. */
class CommitSignaturesTest {

    private static GpgFixture gpg;

    @BeforeAll
    static void gnupgHome() throws Exception {
        gpg = new GpgFixture();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        gpg.close();
    }

    @Test
    void rsaAndEd25519KeysVerifyWithAVerifiedMatchingEmail() throws Exception {
        for (String algo : List.of("rsa3072", "ed25519")) {
            String email = algo + "@example.test";
            String fpr = newKey("Signer " + algo, email, algo, "sign,cert", "1y", null);
            byte[] commit = signedCommit(fpr, email, "signed with " + algo, null);
            SignatureCheck check = verify(commit, email, fpr, Set.of(email));
            assertEquals(SignatureStatus.VERIFIED, check.status(), algo + ": " + check);
            assertEquals(fpr, check.keyFingerprint());
            assertEquals("owner", check.signer());
        }
    }

    @Test
    void annotatedTagsAreVerifiedTheSameWay() throws Exception {
        String email = "tagger@example.test";
        String fpr = newKey("Tagger", email, "ed25519", "sign,cert", "1y", null);
        run(gpg.work, "git", "-c", "user.name=Tagger", "-c", "user.email=" + email, "commit", "-q", "--allow-empty", "--no-gpg-sign", "-m", "to tag");
        run(gpg.work, "git", "-c", "user.name=Tagger", "-c", "user.email=" + email, "-c", "user.signingkey=" + fpr, "tag", "-s", "-m", "release 1", "v1-" + fpr.substring(0, 6));
        byte[] tag = run(gpg.work, "git", "cat-file", "tag", "v1-" + fpr.substring(0, 6)).getBytes(StandardCharsets.UTF_8);
        ParsedKey key = GpgKeys.parse(export(fpr));
        KnownKey known = new KnownKey(key, "owner", Set.of(email));
        assertEquals(SignatureStatus.VERIFIED, CommitSignatures.verifyTag(tag, email, KeyDirectory.of(List.of(known))).status());
        byte[] tampered = new String(tag, StandardCharsets.UTF_8).replace("release 1", "release 2").getBytes(StandardCharsets.UTF_8);
        assertEquals("bad_signature", CommitSignatures.verifyTag(tampered, email, KeyDirectory.of(List.of(known))).reason());
    }

    @Test
    void aSigningSubkeyCountsAndAKeyWithoutSigningDoesNot() throws Exception {
        String email = "sam@example.test";
        String fpr = newKey("Sam", email, "ed25519", "cert", "1y", null);
        run(gpg.home, "gpg", "--batch", "--passphrase", "", "--quick-add-key", fpr, "ed25519", "sign", "1y");
        byte[] commit = signedCommit(fpr, email, "signed by subkey", null);
        assertEquals(SignatureStatus.VERIFIED, verify(commit, email, fpr, Set.of(email)).status());
        ParsedKey parsed = GpgKeys.parse(export(fpr));
        assertEquals(1, parsed.subkeys().size());
        assertTrue(parsed.subkeys().get(0).canSign());
    }

    @Test
    void eachReasonForUnverified() throws Exception {
        String email = "ann@example.test";
        String fpr = newKey("Ann", email, "ed25519", "sign,cert", "1y", null);
        byte[] commit = signedCommit(fpr, email, "a signed commit", null);

        assertEquals("unknown_key", CommitSignatures.verify(commit, email, KeyDirectory.of(List.of())).reason());
        assertEquals("email_mismatch", verify(commit, "someone-else@example.test", fpr, Set.of("someone-else@example.test")).reason());
        assertEquals("unverified_email", verify(commit, email, fpr, Set.of()).reason());

        byte[] tampered = new String(commit, StandardCharsets.UTF_8).replace("a signed commit", "a forged commit").getBytes(StandardCharsets.UTF_8);
        assertEquals("bad_signature", verify(tampered, email, fpr, Set.of(email)).reason());

        String broken = new String(commit, StandardCharsets.UTF_8).replaceFirst("(?m)^ [A-Za-z0-9+/]{10}", " !!!!!!!!!!");
        assertEquals("malformed_signature", verify(broken.getBytes(StandardCharsets.UTF_8), email, fpr, Set.of(email)).reason());

        run(gpg.work, "git", "-c", "user.name=Signer", "-c", "user.email=" + email, "commit", "-q", "--allow-empty", "--no-gpg-sign", "-m", "unsigned");
        assertEquals(SignatureStatus.UNSIGNED, verify(rawHead(), email, fpr, Set.of(email)).status());
    }

    @Test
    void aKeyThatHadExpiredWhenItSignedIsExpired() throws Exception {
        String email = "old@example.test";
        // Made in 2020, valid two years; the commit is signed in 2021; then its expiry is moved to mid-2020.
        String fpr = newKey("Old", email, "ed25519", "sign,cert", "2y", "20200101T000000");
        byte[] commit = signedCommit(fpr, email, "signed in 2021", "20210101T000000");
        run(gpg.home, "gpg", "--batch", "--passphrase", "", "--faked-system-time", "20200301T000000", "--quick-set-expire", fpr, "100");
        assertEquals("expired_key", verify(commit, email, fpr, Set.of(email)).reason());
    }

    @Test
    void aRevokedKeyIsRevoked() throws Exception {
        String email = "rev@example.test";
        String fpr = newKey("Rev", email, "ed25519", "sign,cert", "1y", null);
        byte[] commit = signedCommit(fpr, email, "signed before the revocation", null);
        String certificate = Files.readString(gpg.home.resolve("openpgp-revocs.d/" + fpr + ".rev")).replace(":-----BEGIN", "-----BEGIN");
        Path file = gpg.home.resolve("revocation.asc");
        Files.writeString(file, certificate);
        run(gpg.home, "gpg", "--batch", "--import", file.toString());
        assertTrue(GpgKeys.parse(export(fpr)).revoked());
        assertEquals("revoked_key", verify(commit, email, fpr, Set.of(email)).reason());
    }

    @Test
    void keyUploadsAreCheckedWithAClearMessage() throws Exception {
        String fpr = newKey("Kim", "kim@example.test", "ed25519", "sign,cert", "1y", null);
        ParsedKey key = GpgKeys.parse(export(fpr));
        assertEquals(fpr, key.fingerprint());
        assertEquals(List.of("kim@example.test"), key.emails());
        assertEquals(fpr.substring(24), key.keyId());

        String secret = run(gpg.home, "gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "", "--armor", "--export-secret-keys", fpr);
        assertTrue(assertThrows(GpgKeyException.class, () -> GpgKeys.parse(secret)).getMessage().contains("PRIVATE key"));
        assertTrue(assertThrows(GpgKeyException.class, () -> GpgKeys.parse("hello")).getMessage().contains("not an ASCII-armored public key"));
        assertTrue(assertThrows(GpgKeyException.class, () -> GpgKeys.parse("")).getMessage().contains("Paste"));
        String armored = export(fpr);
        String damaged = armored.substring(0, armored.length() / 2) + "\n-----END PGP PUBLIC KEY BLOCK-----\n";
        assertTrue(assertThrows(GpgKeyException.class, () -> GpgKeys.parse(damaged)).getMessage().contains("damaged"));
        assertTrue(assertThrows(GpgKeyException.class, () -> GpgKeys.parse(armored + "x".repeat(70_000))).getMessage().contains("64 KiB"));
    }

    // ---- fixtures -------------------------------------------------------------------------------------

    private static SignatureCheck verify(byte[] commit, String committerEmail, String fpr, Set<String> verifiedEmails) throws Exception {
        KnownKey known = new KnownKey(GpgKeys.parse(export(fpr)), "owner", verifiedEmails);
        return CommitSignatures.verify(commit, committerEmail, KeyDirectory.of(List.of(known)));
    }

    private static String newKey(String name, String email, String algo, String usage, String expiry, String fakedTime) throws Exception {
        return gpg.newKey(name, email, algo, usage, expiry, fakedTime);
    }

    private static String export(String fpr) throws Exception {
        return gpg.export(fpr);
    }

    private static byte[] signedCommit(String fpr, String email, String message, String fakedTime) throws Exception {
        return gpg.signedCommit(fpr, email, message, fakedTime);
    }

    private static byte[] rawHead() throws Exception {
        return gpg.rawHead();
    }

    private static String run(Path dir, String... command) throws Exception {
        return gpg.run(dir, command);
    }
}
