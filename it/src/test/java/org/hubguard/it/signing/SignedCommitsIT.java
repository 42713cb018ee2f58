package org.hubguard.it.signing;

import static org.hubguard.it.support.Json.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
    private static WebSession aliceWeb;
    private static WebSession bobWeb;
    private static String token;

    @BeforeAll
    static void setUp() throws Exception {
        gnupg = Files.createTempDirectory(Path.of("/tmp"), "hg-it-gpg");
        Files.setPosixFilePermissions(gnupg, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        git = new GitCli();
        alice = Users.uniqueName("signer");
        bob = Users.uniqueName("unverified");
        aliceWeb = WebSession.signUpAndSignIn(alice);
        bobWeb = WebSession.signUpAndSignIn(bob);
        try (Connection db = database(); PreparedStatement verify = db.prepareStatement(
                "update users set email_verified = true where email = ?")) {
            verify.setString(1, Users.emailOf(alice));
            assertEquals(1, verify.executeUpdate());
        }
        token = Fixtures.insertToken(alice, "WRITE", List.of());
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
        String rsa = newKey("Alice", aliceEmail, "rsa3072");
        String ed = newKey("Alice (laptop)", aliceEmail, "ed25519");
        String bobKey = newKey("Bob", Users.emailOf(bob), "ed25519");
        assertEquals(302, upload(aliceWeb, export(rsa)).statusCode(), "the key is added");
        assertEquals(302, upload(bobWeb, export(bobKey)).statusCode());

        assertEquals(200, Json.send("POST", "/api/repos/create", "{\"name\":\"signed\"}", Credential.token(token)).statusCode());
        Path dir = git.newDir("signed");
        git.run(dir, "clone", GitCli.url("/" + alice + "/signed", token), "work").ok();
        Path work = dir.resolve("work");
        commit(work, rsa, "Alice", aliceEmail, "verified");
        commit(work, ed, "Alice", aliceEmail, "key not uploaded yet");
        commit(work, rsa, "Alice", "someone-else@example.test", "email not in the key");
        commit(work, bobKey, "Bob", Users.emailOf(bob), "bob has not verified his email");
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

        String page = aliceWeb.get("/repos/commits?type=model&id=" + alice + "/signed").body();
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
        String fpr = newKey("Carol", "carol@example.test", "ed25519");
        String secret = gpg("gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "", "--armor", "--export-secret-keys", fpr);
        assertTrue(upload(aliceWeb, secret).body().contains("This is a PRIVATE key"));
        assertTrue(upload(aliceWeb, "not a key").body().contains("not an ASCII-armored public key"));
        assertEquals(302, upload(aliceWeb, export(fpr)).statusCode());
        assertTrue(upload(bobWeb, export(fpr)).body().contains("already registered to another account"));
        assertTrue(aliceWeb.get("/settings/gpg-keys").body().contains(fpr));
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
        gpg("gpg", "--batch", "--passphrase", "", "--quick-gen-key", name + " <" + email + ">", algo, "sign,cert", "1y");
        return gpg("gpg", "--batch", "--with-colons", "--list-keys", name + " <" + email + ">").lines()
                .filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
    }

    private static String export(String fpr) throws Exception {
        return gpg("gpg", "--batch", "--armor", "--export", fpr);
    }

    private static String gpg(String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("GNUPGHOME", gnupg.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed");
        }
        return output;
    }
}
