package org.hubguard.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keys made by the real gpg, commits signed by the real git; verified in-process with Bouncy Castle. */
class CommitSignaturesTest {

    private static Path home;
    private static Path work;

    @BeforeAll
    static void gnupgHome() throws Exception {
        home = Files.createTempDirectory(Path.of("/tmp"), "hg-gpg"); // short: gpg-agent's socket path is limited
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        work = Files.createTempDirectory("hg-git");
        run(work, "git", "init", "-q", "-b", "main");
    }

    @AfterAll
    static void cleanUp() throws Exception {
        run(home, "gpgconf", "--kill", "gpg-agent");
        for (Path dir : List.of(home, work)) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
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
        run(work, "git", "-c", "user.name=Tagger", "-c", "user.email=" + email, "commit", "-q", "--allow-empty", "--no-gpg-sign", "-m", "to tag");
        run(work, "git", "-c", "user.name=Tagger", "-c", "user.email=" + email, "-c", "user.signingkey=" + fpr, "tag", "-s", "-m", "release 1", "v1-" + fpr.substring(0, 6));
        byte[] tag = run(work, "git", "cat-file", "tag", "v1-" + fpr.substring(0, 6)).getBytes(StandardCharsets.UTF_8);
        ParsedKey key = GpgKeys.parse(export(fpr));
        KnownKey known = new KnownKey(key, "owner", Set.of(email));
        assertEquals(SignatureStatus.VERIFIED, CommitSignatures.verifyTag(tag, email, id -> Optional.of(known)).status());
        byte[] tampered = new String(tag, StandardCharsets.UTF_8).replace("release 1", "release 2").getBytes(StandardCharsets.UTF_8);
        assertEquals("bad_signature", CommitSignatures.verifyTag(tampered, email, id -> Optional.of(known)).reason());
    }

    @Test
    void aSigningSubkeyCountsAndAKeyWithoutSigningDoesNot() throws Exception {
        String email = "sam@example.test";
        String fpr = newKey("Sam", email, "ed25519", "cert", "1y", null);
        run(home, "gpg", "--batch", "--passphrase", "", "--quick-add-key", fpr, "ed25519", "sign", "1y");
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

        assertEquals("unknown_key", CommitSignatures.verify(commit, email, id -> Optional.empty()).reason());
        assertEquals("email_mismatch", verify(commit, "someone-else@example.test", fpr, Set.of("someone-else@example.test")).reason());
        assertEquals("unverified_email", verify(commit, email, fpr, Set.of()).reason());

        byte[] tampered = new String(commit, StandardCharsets.UTF_8).replace("a signed commit", "a forged commit").getBytes(StandardCharsets.UTF_8);
        assertEquals("bad_signature", verify(tampered, email, fpr, Set.of(email)).reason());

        String broken = new String(commit, StandardCharsets.UTF_8).replaceFirst("(?m)^ [A-Za-z0-9+/]{10}", " !!!!!!!!!!");
        assertEquals("malformed_signature", verify(broken.getBytes(StandardCharsets.UTF_8), email, fpr, Set.of(email)).reason());

        run(work, "git", "-c", "user.name=Signer", "-c", "user.email=" + email, "commit", "-q", "--allow-empty", "--no-gpg-sign", "-m", "unsigned");
        assertEquals(SignatureStatus.UNSIGNED, verify(rawHead(), email, fpr, Set.of(email)).status());
    }

    @Test
    void aKeyThatHadExpiredWhenItSignedIsExpired() throws Exception {
        String email = "old@example.test";
        // Made in 2020, valid two years; the commit is signed in 2021; then its expiry is moved to mid-2020.
        String fpr = newKey("Old", email, "ed25519", "sign,cert", "2y", "20200101T000000");
        byte[] commit = signedCommit(fpr, email, "signed in 2021", "20210101T000000");
        run(home, "gpg", "--batch", "--passphrase", "", "--faked-system-time", "20200301T000000", "--quick-set-expire", fpr, "100");
        assertEquals("expired_key", verify(commit, email, fpr, Set.of(email)).reason());
    }

    @Test
    void aRevokedKeyIsRevoked() throws Exception {
        String email = "rev@example.test";
        String fpr = newKey("Rev", email, "ed25519", "sign,cert", "1y", null);
        byte[] commit = signedCommit(fpr, email, "signed before the revocation", null);
        String certificate = Files.readString(home.resolve("openpgp-revocs.d/" + fpr + ".rev")).replace(":-----BEGIN", "-----BEGIN");
        Path file = home.resolve("revocation.asc");
        Files.writeString(file, certificate);
        run(home, "gpg", "--batch", "--import", file.toString());
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

        String secret = run(home, "gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "", "--armor", "--export-secret-keys", fpr);
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
        ParsedKey key = GpgKeys.parse(export(fpr));
        Map<Long, KnownKey> byId = new HashMap<>();
        KnownKey known = new KnownKey(key, "owner", verifiedEmails);
        byId.put(Long.parseUnsignedLong(key.keyId(), 16), known);
        key.subkeys().forEach(s -> byId.put(Long.parseUnsignedLong(s.keyId(), 16), known));
        return CommitSignatures.verify(commit, committerEmail, id -> Optional.ofNullable(byId.get(id)));
    }

    private static String newKey(String name, String email, String algo, String usage, String expiry, String fakedTime) throws Exception {
        List<String> command = new ArrayList<>(List.of("gpg", "--batch", "--passphrase", ""));
        if (fakedTime != null) {
            command.addAll(List.of("--faked-system-time", fakedTime));
        }
        command.addAll(List.of("--quick-gen-key", name + " <" + email + ">", algo, usage, expiry));
        run(home, command.toArray(String[]::new));
        String listing = run(home, "gpg", "--batch", "--with-colons", "--list-keys", email);
        return listing.lines().filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
    }

    private static String export(String fpr) throws Exception {
        return run(home, "gpg", "--batch", "--armor", "--export", fpr);
    }

    private static byte[] signedCommit(String fpr, String email, String message, String fakedTime) throws Exception {
        Path program = home.resolve("gpg-" + (fakedTime == null ? "now" : fakedTime));
        Files.writeString(program, "#!/bin/sh\nexec gpg " + (fakedTime == null ? "" : "--faked-system-time " + fakedTime + " ") + "\"$@\"\n");
        program.toFile().setExecutable(true);
        run(work, "git", "-c", "user.name=Signer", "-c", "user.email=" + email, "-c", "gpg.program=" + program,
                "commit", "-q", "--allow-empty", "-S" + fpr, "-m", message);
        return rawHead();
    }

    private static byte[] rawHead() throws Exception {
        return run(work, "git", "cat-file", "commit", "HEAD").getBytes(StandardCharsets.UTF_8);
    }

    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false);
        builder.environment().put("GNUPGHOME", home.toString());
        builder.environment().put("HOME", home.toString());
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        builder.redirectError(ProcessBuilder.Redirect.appendTo(home.resolve("stderr.log").toFile()));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + output + "\n" + Files.readString(home.resolve("stderr.log")));
        }
        return output;
    }
}
