package org.hubguard.it.signing;

import static org.hubguard.it.support.Json.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.net.http.HttpResponse;

import jakarta.json.JsonObject;

import org.hubguard.it.support.Fixtures;
import org.hubguard.it.support.GitCli;
import org.hubguard.it.support.Json;
import org.hubguard.it.support.Json.Credential;
import org.hubguard.it.support.TestServer;
import org.hubguard.it.support.Users;
import org.hubguard.it.support.WebSession;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Keys made by the real gpg, commits signed by the real git and pushed; statuses through the API and pages. */
@ExtendWith(ArquillianExtension.class)
class SignedCommitsIT extends TestServer {

    private static Path gnupg;
    private static GitCli git;
    private static String alice;
    private static String bob;
    private static String carol;
    private static WebSession aliceWeb;
    private static WebSession bobWeb;
    private static WebSession carolWeb;
    private static String token;

    @BeforeAll
    static void setUp() throws Exception {
        gnupg = Files.createTempDirectory(Path.of("/tmp"), "hg-it-gpg");
        Files.setPosixFilePermissions(gnupg, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        git = new GitCli();
        alice = Users.uniqueName("signer");
        bob = Users.uniqueName("other");
        carol = Users.uniqueName("unverified");
        aliceWeb = WebSession.signUpAndSignIn(alice);
        bobWeb = WebSession.signUpAndSignIn(bob);
        carolWeb = WebSession.signUpAndSignIn(carol);
        verifyEmail(alice);
        verifyEmail(bob);
        token = Fixtures.insertToken(alice, "WRITE", List.of());
    }

    /** As following the emailed link would; keys can be added only for a verified email. */
    private static void verifyEmail(String username) throws Exception {
        try (Connection db = database(); PreparedStatement verify = db.prepareStatement(
                "update users set email_verified = true where email = ?")) {
            verify.setString(1, Users.emailOf(username));
            assertEquals(1, verify.executeUpdate());
        }
    }

    @AfterAll
    static void cleanUp() throws Exception {
        gpg("gpgconf", "--kill", "gpg-agent");
        try (var files = Files.walk(gnupg)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void pushedCommitsShowTheirSigningStatusAndReason() throws Exception {
        String aliceEmail = Users.emailOf(alice);
        String workEmail = alice + "@work.example";
        String rsa = newKey("Alice", aliceEmail, "rsa3072");
        gpg("gpg", "--batch", "--passphrase", "", "--quick-add-uid", rsa, "Alice (work) <" + workEmail + ">");
        String ed = newKey("Alice (laptop)", aliceEmail, "ed25519");
        assertEquals(302, upload(aliceWeb, export(rsa)).statusCode(), "the key is added");

        assertEquals(200, Json.send("POST", "/api/repos/create", "{\"name\":\"signed\"}", Credential.token(token)).statusCode());
        Path dir = git.newDir("signed");
        git.run(dir, "clone", GitCli.url("/" + alice + "/signed", token), "work").ok();
        Path work = dir.resolve("work");
        commit(work, rsa, "Alice", aliceEmail, "verified");
        commit(work, ed, "Alice", aliceEmail, "key not uploaded yet");
        commit(work, rsa, "Alice", "someone-else@example.test", "email not in the key");
        commit(work, rsa, "Alice", workEmail, "an address of the key that is not her verified email");
        commit(work, null, "Alice", aliceEmail, "unsigned");
        git.run(work, "push", "origin", "main").ok();

        List<JsonObject> signatures = signatures("main");
        assertEquals("VERIFIED", signatures.get(4).getString("status"));
        assertEquals(rsa, signatures.get(4).getString("keyFingerprint"));
        assertEquals(alice, signatures.get(4).getString("signer"));
        assertEquals("unknown_key", signatures.get(3).getString("reason"));
        assertEquals("email_mismatch", signatures.get(2).getString("reason"));
        assertEquals("unverified_email", signatures.get(1).getString("reason"));
        assertEquals("UNSIGNED", signatures.get(0).getString("status"));

        // Uploading the laptop key afterwards turns "unknown_key" into Verified.
        assertEquals(302, upload(aliceWeb, export(ed)).statusCode());
        assertEquals("VERIFIED", signatures("main").get(3).getString("status"));

        // A signed commit whose content was changed afterwards: bad_signature.
        String raw = git.run(work, "cat-file", "commit", "HEAD~4").ok().output();
        Path tampered = dir.resolve("tampered-commit");
        Files.writeString(tampered, raw.replace("verified\n", "forged\n"));
        String forged = git.run(work, "hash-object", "-t", "commit", "-w", tampered.toString()).ok().output().trim();
        git.run(work, "push", "origin", forged + ":refs/heads/tampered").ok();
        JsonObject bad = signatures("tampered").get(0);
        assertEquals("UNVERIFIED", bad.getString("status"));
        assertEquals("bad_signature", bad.getString("reason"));

        String page = aliceWeb.get("/" + alice + "/signed/commits/main").body();
        assertTrue(page.contains(">Verified<") && page.contains("Signed by " + alice + " with key " + rsa), "the history shows the badge");
        assertTrue(page.contains("Unverified: email_mismatch"));
        assertTrue(page.contains(">No signing status<"));
    }

    @Test
    void whereSignedCommitsAreRequiredOnlyVerifiedPushesAreAccepted() throws Exception {
        String aliceEmail = Users.emailOf(alice);
        String key = newKey("Alice (policy)", aliceEmail, "ed25519");
        assertEquals(302, upload(aliceWeb, export(key)).statusCode());
        assertEquals(200, Json.send("POST", "/api/repos/create", "{\"name\":\"strict\"}", Credential.token(token)).statusCode());
        assertEquals(200, Json.send("PUT", "/api/models/" + alice + "/strict/settings", "{\"requireSignedCommits\":true}", Credential.token(token)).statusCode());

        Path dir = git.newDir("strict");
        git.run(dir, "clone", GitCli.url("/" + alice + "/strict", token), "work").ok();
        Path work = dir.resolve("work");
        commit(work, key, "Alice", aliceEmail, "signed");
        commit(work, null, "Alice", aliceEmail, "not signed");
        String unsigned = git.run(work, "rev-parse", "--short=8", "HEAD").ok().output().trim();
        GitCli.Result refused = git.run(work, "push", "origin", "main");
        assertTrue(refused.exitCode() != 0);
        assertTrue(refused.output().contains("this repository requires signed commits; not verified: " + unsigned + " (unsigned)"), refused.output());
        assertEquals(1, Json.send("GET", "/api/models/" + alice + "/strict/commits/main", null, Credential.token(token)).body().split("\"id\"").length - 1,
                "nothing was accepted");

        git.run(work, "reset", "-q", "--hard", "HEAD~1").ok();
        git.run(work, "push", "origin", "main").ok();

        // Commits made through hubguard are signed with its own key, so they pass too.
        HttpResponse<String> webCommit = Json.send("POST", "/api/models/" + alice + "/strict/commit/main",
                "{\"key\":\"header\",\"value\":{\"summary\":\"Edit in the browser\"}}\n{\"key\":\"file\",\"value\":{\"path\":\"a.txt\",\"content\":\"YQ==\",\"encoding\":\"base64\"}}",
                Credential.token(token));
        assertEquals(200, webCommit.statusCode(), webCommit.body());
        JsonObject made = signatures("main", "strict").get(0);
        assertEquals("VERIFIED", made.getString("status"));
        assertEquals("hubguard", made.getString("signer"));
        String serverKey = Json.send("GET", "/api/signing-key", null, Credential.NONE).body();
        assertTrue(serverKey.startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----"), serverKey);
    }

    @Test
    void badKeysAreRefusedWithAMessage() throws Exception {
        String fpr = newKey("Alice (desk)", Users.emailOf(alice), "ed25519");
        String secret = gpg("gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "", "--armor", "--export-secret-keys", fpr);
        assertTrue(upload(aliceWeb, secret).body().contains("This is a PRIVATE key"));
        assertTrue(upload(aliceWeb, "not a key").body().contains("not an ASCII-armored public key"));
        assertEquals(302, upload(aliceWeb, export(fpr)).statusCode());
        assertTrue(upload(bobWeb, export(fpr)).body().contains("already registered to another account"));
        assertTrue(aliceWeb.get("/settings/gpg-keys").body().contains(fpr));
    }

    @Test
    void anotherAccountsKeyIsRefused() throws Exception {
        // Bob's verified email is not in the key: he cannot register it, even before Alice does.
        String aliceEmail = Users.emailOf(alice);
        String aliceKey = newKey("Alice (unregistered)", aliceEmail, "ed25519");
        String refused = upload(bobWeb, export(aliceKey)).body();
        assertTrue(refused.contains("user IDs are " + aliceEmail + "; your verified email " + Users.emailOf(bob) + " must be one of them"), refused);
        // Nor can he make a key with her address on it: it is hers to prove, and his account proves only his.
        String madeUp = newKey("Not Alice", aliceEmail, "ed25519");
        assertTrue(upload(bobWeb, export(madeUp)).body().contains("your verified email " + Users.emailOf(bob) + " must be one of them"));
        // An unverified email proves nothing, even when it is in the key.
        String carolKey = newKey("Carol", Users.emailOf(carol), "ed25519");
        assertTrue(upload(carolWeb, export(carolKey)).body().contains("Verify your email address (" + Users.emailOf(carol) + ") first"));
        assertEquals(0, keysStored(aliceKey) + keysStored(madeUp) + keysStored(carolKey), "nothing was stored");
        // The owner still can.
        assertEquals(302, upload(aliceWeb, export(aliceKey)).statusCode());
    }

    @Test
    void aKeyWithAForgedBindingSignatureIsNotTrusted() throws Exception {
        String aliceEmail = Users.emailOf(alice);
        String primary = newKey("Alice (forged)", aliceEmail, "ed25519", "cert");
        String subkey = addSubkey(primary, "sign");
        assertEquals(302, upload(aliceWeb, KeyForgery.withForgedBinding(exportBinary(primary), subkey)).statusCode(),
                "the primary key and its user ID are proven");
        String page = aliceWeb.get("/settings/gpg-keys").body();
        assertTrue(page.contains("subkey " + subkey + " ignored: no valid binding signature by the primary key"), page);

        assertEquals(200, Json.send("POST", "/api/repos/create", "{\"name\":\"forged\"}", Credential.token(token)).statusCode());
        Path dir = git.newDir("forged");
        git.run(dir, "clone", GitCli.url("/" + alice + "/forged", token), "work").ok();
        Path work = dir.resolve("work");
        commit(work, subkey + "!", "Alice", aliceEmail, "signed by the subkey whose binding was forged");
        git.run(work, "push", "origin", "main").ok();
        JsonObject signature = signatures("main", "forged").get(0);
        assertEquals("UNVERIFIED", signature.getString("status"));
        assertEquals("unbound_subkey", signature.getString("reason"));
        assertTrue(signature.isNull("signer"), "nobody is named: " + signature);

        // A key whose only user ID carries a forged self-signature proves no email: refused.
        String lonely = newKey("Alice (lonely)", aliceEmail, "ed25519");
        String forgedUid = KeyForgery.withForgedCertification(exportBinary(lonely), "Alice (lonely) <" + aliceEmail + ">");
        String answer = upload(aliceWeb, forgedUid).body();
        assertTrue(answer.contains("This key has no user ID with an email address that its own key certifies"), answer);
        assertEquals(0, keysStored(lonely));
    }

    @Test
    void aSubkeyCopiedIntoSomeoneElsesKeyNeitherClaimsNorBlocksItsOwnersCommits() throws Exception {
        String aliceEmail = Users.emailOf(alice);
        String aliceKey = newKey("Alice (copied)", aliceEmail, "ed25519", "cert");
        String aliceSubkey = addSubkey(aliceKey, "sign");
        String bobKey = newKey("Bob", Users.emailOf(bob), "ed25519");
        // Bob uploads his key with Alice's signing subkey grafted onto it, before Alice uploads hers.
        assertEquals(302, upload(bobWeb, KeyForgery.graft(exportBinary(bobKey), exportBinary(aliceKey), aliceSubkey)).statusCode());

        assertEquals(200, Json.send("POST", "/api/repos/create", "{\"name\":\"copied\"}", Credential.token(token)).statusCode());
        Path dir = git.newDir("copied");
        git.run(dir, "clone", GitCli.url("/" + alice + "/copied", token), "work").ok();
        Path work = dir.resolve("work");
        commit(work, aliceSubkey + "!", "Alice", aliceEmail, "signed by Alice's subkey");
        git.run(work, "push", "origin", "main").ok();
        JsonObject before = signatures("main", "copied").get(0);
        assertEquals("unbound_subkey", before.getString("reason"), before.toString());
        assertTrue(before.isNull("signer"), "not Bob's: " + before);

        assertEquals(302, upload(aliceWeb, export(aliceKey)).statusCode(), "Bob's copy does not block Alice's key");
        JsonObject after = signatures("main", "copied").get(0);
        assertEquals("VERIFIED", after.getString("status"), after.toString());
        assertEquals(alice, after.getString("signer"));
        assertEquals(aliceKey, after.getString("keyFingerprint"));
    }

    @Test
    void aKeyRegisteredBeforeTheEmailProofMovesToTheAccountThatProvesIt() throws Exception {
        assertEquals(1, count("select count(*) from flyway_schema_history where version = '9.1' and success", null),
                "the Java migration that indexes stored keys ran in the server");
        String aliceKey = newKey("Alice (squatted)", Users.emailOf(alice), "ed25519");
        String armored = export(aliceKey);
        // As an upload before this version could have stored it: Bob holds Alice's key.
        try (Connection db = database(); PreparedStatement insert = db.prepareStatement(
                "insert into gpg_keys (user_id, fingerprint, key_id, emails, key_created, revoked, armored, uploaded_at) "
                        + "select u.id, ?, ?, ?, now(), false, ?, now() from users u where u.email = ?")) {
            insert.setString(1, aliceKey);
            insert.setString(2, aliceKey.substring(24));
            insert.setString(3, Users.emailOf(alice));
            insert.setString(4, armored);
            insert.setString(5, Users.emailOf(bob));
            assertEquals(1, insert.executeUpdate());
        }
        assertTrue(bobWeb.get("/settings/gpg-keys").body().contains(aliceKey));
        assertEquals(302, upload(aliceWeb, armored).statusCode(), "Bob cannot prove it, Alice can");
        assertTrue(aliceWeb.get("/settings/gpg-keys").body().contains(aliceKey));
        assertFalse(bobWeb.get("/settings/gpg-keys").body().contains(aliceKey));
        assertEquals(1, keysStored(aliceKey));
    }

    private static int keysStored(String fingerprint) throws Exception {
        return count("select count(*) from gpg_keys where fingerprint = ?", fingerprint);
    }

    private static int count(String sql, String parameter) throws Exception {
        try (Connection db = database(); PreparedStatement query = db.prepareStatement(sql)) {
            if (parameter != null) {
                query.setString(1, parameter);
            }
            try (java.sql.ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private static List<JsonObject> signatures(String rev) throws Exception {
        return signatures(rev, "signed");
    }

    private static List<JsonObject> signatures(String rev, String repo) throws Exception {
        String body = Json.send("GET", "/api/models/" + alice + "/" + repo + "/commits/" + rev, null, Credential.token(token)).body();
        List<JsonObject> result = new ArrayList<>();
        jakarta.json.Json.createReader(new StringReader(body)).readArray().forEach(c -> result.add(c.asJsonObject().getJsonObject("signature")));
        return result;
    }

    private static java.net.http.HttpResponse<String> upload(WebSession session, String armored) throws Exception {
        return session.submit("/settings/gpg-keys", "keys", Map.of("keys:armored", armored));
    }

    private static void commit(Path work, String key, String name, String email, String message) throws Exception {
        Files.writeString(work.resolve("log.txt"), message + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        git.run(work, "add", ".").ok();
        Path program = gnupg.resolve("gpg-program");
        Files.writeString(program, "#!/bin/sh\nGNUPGHOME=" + gnupg + " exec gpg \"$@\"\n");
        program.toFile().setExecutable(true);
        List<String> args = new ArrayList<>(List.of("-c", "user.name=" + name, "-c", "user.email=" + email, "-c", "gpg.program=" + program, "commit", "-q", "-m", message));
        args.add(key == null ? "--no-gpg-sign" : "-S" + key);
        git.run(work, args.toArray(String[]::new)).ok();
    }

    private static String newKey(String name, String email, String algo) throws Exception {
        return newKey(name, email, algo, "sign,cert");
    }

    /** A new key; returns its fingerprint (from gpg's KEY_CREATED status line). */
    private static String newKey(String name, String email, String algo, String usage) throws Exception {
        return created(gpg("gpg", "--batch", "--status-fd", "1", "--passphrase", "", "--quick-gen-key", name + " <" + email + ">", algo, usage, "1y"));
    }

    private static String addSubkey(String fpr, String usage) throws Exception {
        return created(gpg("gpg", "--batch", "--status-fd", "1", "--passphrase", "", "--quick-add-key", fpr, "ed25519", usage, "1y"));
    }

    private static String created(String status) {
        return status.lines().filter(l -> l.startsWith("[GNUPG:] KEY_CREATED ")).findFirst().orElseThrow().split(" ")[3];
    }

    private static String export(String fpr) throws Exception {
        return gpg("gpg", "--batch", "--armor", "--export", fpr);
    }

    private static byte[] exportBinary(String fpr) throws Exception {
        return gpgBytes("gpg", "--batch", "--export", fpr);
    }

    private static String gpg(String... command) throws Exception {
        return new String(gpgBytes(command), StandardCharsets.UTF_8);
    }

    private static byte[] gpgBytes(String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("GNUPGHOME", gnupg.toString());
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed");
        }
        return output;
    }
}
