package org.hubguard.it.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import org.hubguard.it.support.Api;
import org.hubguard.it.support.Fixtures;
import org.hubguard.it.support.GitCli;
import org.hubguard.it.support.Json;
import org.hubguard.it.support.Json.Credential;
import org.hubguard.it.support.Mailbox;
import org.hubguard.it.support.SecretSamples;
import org.hubguard.it.support.TestServer;
import org.hubguard.it.support.Users;
import org.hubguard.it.support.WebSession;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Push protection with the real git CLI and the commit API: a live hubguard token is refused and revoked, every
 * other kind of secret is refused until the owner allows secrets or the pusher marks a false positive, and the
 * Hub's revocation endpoint revokes what it is sent.
 */
@ExtendWith(ArquillianExtension.class)
class SecretScanningIT extends TestServer {

    @RegisterExtension
    static final GreenMailExtension SMTP = Mailbox.smtpServer();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static GitCli git;
    private static String alice;
    private static WebSession aliceWeb;
    private static String aliceWrite;
    private static WebSession admin;

    @BeforeAll
    static void setUp() throws Exception {
        git = new GitCli();
        git.run(Path.of("."), "lfs", "install", "--skip-repo").ok(); // in the test's own HOME
        alice = Users.uniqueName("secrets-alice");
        aliceWeb = WebSession.signUpAndSignIn(alice);
        aliceWrite = Fixtures.insertToken(alice, "WRITE", List.of());
        admin = new WebSession();
        admin.signIn("admin", ADMIN_PASSWORD);
    }

    private static String createRepo(String name) throws Exception {
        HttpResponse<String> created = Json.send("POST", "/api/repos/create", "{\"name\":\"" + name + "\"}", Credential.token(aliceWrite));
        assertEquals(200, created.statusCode(), created.body());
        return alice + "/" + name;
    }

    private static Path clone(String repo) throws Exception {
        Path dir = git.newDir("secrets");
        git.run(dir, "clone", GitCli.url("/" + repo, aliceWrite), "work").ok();
        return dir.resolve("work");
    }

    private static void commitFile(Path work, String path, String content) throws Exception {
        Path file = work.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        git.run(work, "add", ".").ok();
        git.run(work, "commit", "-q", "-m", "add " + path).ok();
    }

    /**
     * Whether the token is still held, as the database says: asking the server with many revoked tokens from one
     * address would trip its throttle for invalid tokens.
     */
    private static boolean tokenWorks(String token) throws Exception {
        try (java.sql.Connection db = database(); java.sql.PreparedStatement held = db.prepareStatement(
                "select (select count(*) from access_tokens where token_hash = ?) + (select count(*) from organizations where token_hash = ?)")) {
            String hash = org.hubguard.accounts.SecretTokens.sha256(token);
            held.setString(1, hash);
            held.setString(2, hash);
            var result = held.executeQuery();
            result.next();
            return result.getInt(1) > 0;
        }
    }

    private static JsonArray auditEvents(String query) throws Exception {
        HttpResponse<String> events = admin.get("/api/audit-log?" + query);
        assertEquals(200, events.statusCode(), events.body());
        return jakarta.json.Json.createReader(new StringReader(events.body())).readArray();
    }

    @Test
    void aPushWithALiveHubguardTokenIsRefusedAndTheTokenIsRevokedAndItsOwnerTold() throws Exception {
        String leaked = aliceWeb.newToken("deploy-key", "write");
        assertTrue(tokenWorks(leaked));
        String repo = createRepo("live-token");
        Path work = clone(repo);
        commitFile(work, "src/settings.py", "DEBUG = False\nHF_TOKEN = \"" + leaked + "\"\n");

        GitCli.Result push = git.run(work, "push", "origin", "main");
        assertNotEquals(0, push.exitCode(), push.output());
        assertTrue(push.output().contains("src/settings.py:2 (hubguard access token)"), push.output());
        assertTrue(push.output().contains("revoked"), push.output());
        assertFalse(push.output().contains(leaked), "the secret is never echoed:\n" + push.output());

        assertFalse(tokenWorks(leaked), "the leaked token no longer works");
        String page = aliceWeb.get("/settings/tokens").body();
        assertTrue(page.contains("id=\"revoked-tokens\"") && page.contains("deploy-key"), "a notice on the tokens page");
        String mail = Mailbox.mailTo(SMTP, Users.emailOf(alice), "deploy-key");
        assertTrue(mail.contains("src/settings.py line 2") && !mail.contains(leaked), mail);

        // Even allowing secrets and bypassing lets no live token in: the pusher's own token is the next one found.
        assertEquals(200, Json.send("PUT", "/api/models/" + repo + "/settings", "{\"allowSecrets\":true}", Credential.token(aliceWrite)).statusCode());
        String second = aliceWeb.newToken("second-key", "read");
        commitFile(work, "notes.md", "token " + second + "\n");
        GitCli.Result again = git.run(work, "push", "-o", "secret-scanning.bypass=false-positive", "origin", "main");
        assertNotEquals(0, again.exitCode(), again.output());
        assertTrue(again.output().contains("notes.md:1 (hubguard access token)"), again.output());
        assertFalse(tokenWorks(second));

        JsonArray revoked = auditEvents("event=token.revoke_by_scan&target=deploy-key");
        assertEquals(1, revoked.size(), revoked.toString());
        assertEquals(alice, revoked.getJsonObject(0).getString("actor"));
        assertTrue(revoked.getJsonObject(0).getString("detail").contains("src/settings.py line 2"));
    }

    @Test
    void everyOtherKindOfSecretIsRefusedUntilTheOwnerAllowsSecrets() throws Exception {
        String repo = createRepo("other-kinds");
        Path work = clone(repo);
        int n = 0;
        for (Map.Entry<String, String> sample : SecretSamples.byDescription().entrySet()) {
            String path = "config/sample" + (n++) + ".txt";
            commitFile(work, path, "# settings\nvalue = " + sample.getValue() + "\n");
            GitCli.Result push = git.run(work, "push", "origin", "main");
            assertNotEquals(0, push.exitCode(), sample.getKey() + ":\n" + push.output());
            assertTrue(push.output().contains(path + ":2 (" + sample.getKey() + ")"), push.output());
            assertTrue(push.output().contains("secret-scanning.bypass=false-positive"), "the refusal says how to bypass:\n" + push.output());
            assertFalse(push.output().contains(sample.getValue().lines().findFirst().orElseThrow()), push.output());
            git.run(work, "reset", "-q", "--hard", "origin/main").ok();
        }

        // A stranger cannot allow secrets; the owner can, and then the same files go in.
        String mallory = Users.uniqueName("secrets-mallory");
        WebSession.signUpAndSignIn(mallory);
        String malloryWrite = Fixtures.insertToken(mallory, "WRITE", List.of());
        assertEquals(403, Json.send("PUT", "/api/models/" + repo + "/settings", "{\"allowSecrets\":true}", Credential.token(malloryWrite)).statusCode());
        HttpResponse<String> allowed = Json.send("PUT", "/api/models/" + repo + "/settings", "{\"allowSecrets\":true}", Credential.token(aliceWrite));
        assertEquals(200, allowed.statusCode(), allowed.body());
        assertTrue(Api.json(allowed).getBoolean("allowSecrets"));
        n = 0;
        for (String secret : SecretSamples.byDescription().values()) {
            commitFile(work, "config/sample" + (n++) + ".txt", "value = " + secret + "\n");
        }
        git.run(work, "push", "origin", "main").ok();
    }

    @Test
    void aSmallFileInGitLfsIsScannedToo() throws Exception {
        String repo = createRepo("lfs-text");
        Path work = clone(repo);
        // *.bin is in Git LFS (the Hub's .gitattributes): git-lfs uploads the object before the push, which names it
        commitFile(work, "aws/credentials.bin", "[default]\naws_access_key_id = " + SecretSamples.byDescription().get("AWS access key id") + "\n");
        GitCli.Result push = git.run(work, "push", "origin", "main");
        assertNotEquals(0, push.exitCode(), push.output());
        assertTrue(push.output().contains("aws/credentials.bin:2 (AWS access key id)"), push.output());
        String pointer = git.run(work, "cat-file", "-p", "HEAD:aws/credentials.bin").ok().output();
        assertTrue(pointer.startsWith("version https://git-lfs.github.com/spec/v1"), "git stored a pointer, the scan read the object:\n" + pointer);
    }

    @Test
    void aFalsePositiveGoesInWithTheBypassMarkerAndTheAuditLogRecordsIt() throws Exception {
        String repo = createRepo("bypass");
        Path work = clone(repo);
        commitFile(work, "tests/fixtures.py", "FAKE_KEY = '" + SecretSamples.byDescription().get("AWS access key id") + "'\n");
        GitCli.Result made_up = git.run(work, "push", "-o", "secret-scanning.bypass=because", "origin", "main");
        assertNotEquals(0, made_up.exitCode(), "only the listed reasons bypass:\n" + made_up.output());
        git.run(work, "push", "-o", "secret-scanning.bypass=used-in-tests", "origin", "main").ok();

        JsonArray bypassed = auditEvents("event=repo.secret_scanning_bypass&target=" + repo);
        assertEquals(1, bypassed.size(), bypassed.toString());
        JsonObject event = bypassed.getJsonObject(0);
        assertEquals(alice, event.getString("actor"));
        assertTrue(event.getString("credential").startsWith("token 'fixture-"), event.toString());
        assertEquals("used-in-tests: tests/fixtures.py:1 (AWS access key id)", event.getString("detail"));
        JsonArray refused = auditEvents("event=repo.push_refused&target=" + repo);
        assertEquals(1, refused.size(), refused.toString());
        assertTrue(refused.getJsonObject(0).getString("detail").contains("tests/fixtures.py:1 (AWS access key id)"));
    }

    @Test
    void theCommitApiAndTheBranchApiAreCoveredToo() throws Exception {
        String repo = createRepo("commit-api");
        String aws = SecretSamples.byDescription().get("AWS access key id");
        HttpResponse<String> refused = commit(repo, "{\"summary\":\"keys\"}", "app/keys.env", "A=1\nAWS_ACCESS_KEY_ID=" + aws + "\n");
        assertEquals(422, refused.statusCode(), refused.body());
        assertEquals("SecretDetected", refused.headers().firstValue("X-Error-Code").orElse(""));
        assertTrue(refused.body().contains("app/keys.env:2 (AWS access key id)") && refused.body().contains("secretScanningBypass"), refused.body());
        assertFalse(refused.body().contains(aws));

        HttpResponse<String> bypassed = commit(repo, "{\"summary\":\"keys\",\"secretScanningBypass\":\"false-positive\"}", "app/keys.env", "AWS=" + aws + "\n");
        assertEquals(200, bypassed.statusCode(), bypassed.body());

        String leaked = aliceWeb.newToken("api-leak", "read");
        HttpResponse<String> live = commit(repo, "{\"summary\":\"oops\",\"secretScanningBypass\":\"false-positive\"}", "token.txt", leaked);
        assertEquals(422, live.statusCode(), live.body());
        assertTrue(live.body().contains("token.txt:1 (hubguard access token)"), live.body());
        assertFalse(tokenWorks(leaked));

        // A refused push leaves its objects on the server; the branch API cannot make them reachable.
        Path work = clone(repo);
        commitFile(work, "more.txt", "key " + SecretSamples.byDescription().get("Stripe live secret key") + "\n");
        String refusedCommit = git.run(work, "rev-parse", "HEAD").ok().output().trim();
        assertNotEquals(0, git.run(work, "push", "origin", "main").exitCode());
        HttpResponse<String> branch = Json.send("POST", "/api/models/" + repo + "/branch/sneaky",
                "{\"startingPoint\":\"" + refusedCommit + "\"}", Credential.token(aliceWrite));
        assertEquals(403, branch.statusCode(), branch.body());
        assertTrue(branch.body().contains("more.txt:1 (Stripe live secret key)"), branch.body());
        assertFalse(branch.body().contains("secret-scanning.bypass") || branch.body().contains("git push"),
                "the branch API has no bypass, so its refusal offers none: " + branch.body());
    }

    @Test
    void aPrivateKeyInAServiceAccountJsonIsRefused() throws Exception {
        String repo = createRepo("service-account");
        Path work = clone(repo);
        String material = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj";
        commitFile(work, "gcp/sa.json", "{\n  \"type\": \"service_account\",\n  \"private_key\": \"-----BEGIN " + "PRIVATE KEY-----\\n"
                + material + "\\n" + material + "\\n-----END " + "PRIVATE KEY-----\\n\"\n}\n");
        GitCli.Result push = git.run(work, "push", "origin", "main");
        assertNotEquals(0, push.exitCode(), push.output());
        assertTrue(push.output().contains("gcp/sa.json:3 (private key)"), push.output());
    }

    /**
     * Somebody else's token, and an organization's, pushed into a private repository: revoked, but their owners
     * learn nothing of the repository (it is "a repository you cannot see"), the organization's admins see no
     * event of it, and a token in a path is redacted everywhere it is written.
     */
    @Test
    void aLeakIntoAPrivateRepositoryTellsOthersNothingOfItAndAPathIsRedacted() throws Exception {
        String secretRepo = "hidden-" + Users.uniqueName("r");
        HttpResponse<String> created = Json.send("POST", "/api/repos/create", "{\"name\":\"" + secretRepo + "\",\"private\":true}",
                Credential.token(aliceWrite));
        assertEquals(200, created.statusCode(), created.body());
        String repo = alice + "/" + secretRepo;

        String carol = Users.uniqueName("secrets-carol");
        WebSession carolWeb = WebSession.signUpAndSignIn(carol);
        String carolToken = carolWeb.newToken("carol-key", "read");
        String carolOrg = Users.uniqueName("secrets-org");
        assertEquals(201, Json.send("POST", "/api/organizations/new", "{\"name\":" + Json.q(carolOrg) + "}", Credential.session(carolWeb.cookie())).statusCode());
        String carolWrite = Fixtures.insertToken(carol, "WRITE", List.of());
        HttpResponse<String> orgTokenAnswer = Json.send("POST", "/api/organizations/" + carolOrg + "/token", null, Credential.token(carolWrite));
        assertEquals(200, orgTokenAnswer.statusCode(), orgTokenAnswer.body());
        String orgToken = Api.json(orgTokenAnswer).getString("token");

        Path work = clone(repo);
        Files.createDirectories(work.resolve("creds"));
        Files.writeString(work.resolve("creds/" + carolToken + ".txt"), "org = " + orgToken + "\n");
        git.run(work, "add", ".").ok();
        git.run(work, "commit", "-q", "-m", "add credentials").ok(); // not named in the message: the path alone carries it
        GitCli.Result push = git.run(work, "push", "origin", "main");
        assertNotEquals(0, push.exitCode(), push.output());
        assertTrue(push.output().contains("the path creds/[secret].txt (hubguard access token)"), push.output());
        assertTrue(push.output().contains("creds/[secret].txt:1 (hubguard access token)"), push.output());
        assertFalse(push.output().contains(carolToken) || push.output().contains(orgToken), push.output());
        assertFalse(tokenWorks(carolToken));
        assertFalse(tokenWorks(orgToken));

        String notice = carolWeb.get("/settings/tokens").body();
        assertTrue(notice.contains("carol-key") && notice.contains("a repository you cannot see"), notice);
        assertFalse(notice.contains(secretRepo) || notice.contains(carolToken), "nothing of the private repository");
        String mail = Mailbox.mailTo(SMTP, Users.emailOf(carol), "carol-key");
        assertTrue(mail.contains("a repository you cannot see"), mail);
        assertFalse(mail.contains(secretRepo) || mail.contains("creds/") || mail.contains(alice), mail);

        HttpResponse<String> orgLog = Json.send("GET", "/api/audit-log?org=" + carolOrg + "&limit=1000", null, Credential.token(carolWrite));
        assertEquals(200, orgLog.statusCode(), orgLog.body());
        assertFalse(orgLog.body().contains(secretRepo) || orgLog.body().contains("creds/"), "another owner's private repository:\n" + orgLog.body());

        JsonArray events = auditEvents("target=" + repo);
        assertFalse(events.isEmpty());
        JsonArray revoked = auditEvents("event=token.revoke_by_scan&target=carol-key");
        assertEquals(1, revoked.size(), revoked.toString());
        assertTrue(revoked.getJsonObject(0).getString("detail").contains("the path creds/[secret].txt"), revoked.toString());
        assertTrue(revoked.getJsonObject(0).isNull("organization"), "a user's repository: site administrators only");
        String all = admin.get("/api/audit-log/export").body();
        assertFalse(all.contains(carolToken) || all.contains(orgToken), "no secret in the audit log");
    }

    /** Each way a live token could ride in unread: the change is refused and the token revoked. */
    @Test
    void noLiveTokenGetsInThroughAMessageAPathABinaryUtf16ALargeFileOrGluedToALetter() throws Exception {
        String repo = createRepo("everywhere");
        Path work = clone(repo);
        commitFile(work, "README.md", "hello\n");
        git.run(work, "push", "origin", "main").ok();

        String inMessage = aliceWeb.newToken("in-message", "read");
        Files.writeString(work.resolve("a.txt"), "a\n");
        git.run(work, "add", ".").ok();
        git.run(work, "commit", "-q", "-m", "deploy with " + inMessage).ok();
        assertRefusedAndRevoked(git.run(work, "push", "origin", "main"), inMessage, "the message of commit");
        git.run(work, "reset", "-q", "--hard", "origin/main").ok();

        String inTag = aliceWeb.newToken("in-tag", "read");
        git.run(work, "tag", "-a", "v1", "-m", "release\n\ntoken=" + inTag).ok();
        assertRefusedAndRevoked(git.run(work, "push", "origin", "v1"), inTag, "the message of tag v1");
        git.run(work, "tag", "-d", "v1").ok();

        String inPath = aliceWeb.newToken("in-path", "read");
        commitFile(work, "creds/" + inPath + ".txt", "nothing here\n");
        GitCli.Result pathPush = git.run(work, "push", "origin", "main");
        assertRefusedAndRevoked(pathPush, inPath, "the path creds/[secret].txt");
        git.run(work, "reset", "-q", "--hard", "origin/main").ok();

        String inBranchName = aliceWeb.newToken("in-branch-name", "read");
        GitCli.Result branchPush = git.run(work, "push", "origin", "HEAD:refs/heads/ci-" + inBranchName);
        assertNotEquals(0, branchPush.exitCode(), branchPush.output());
        assertTrue(branchPush.output().contains("the name refs/heads/ci-[secret]"), branchPush.output());
        // git itself echoes the name it pushed ("HEAD -> ci-hf_..."); the server's reason does not
        assertFalse(branchPush.output().replace("HEAD -> ci-" + inBranchName, "").contains(inBranchName), branchPush.output());
        assertFalse(tokenWorks(inBranchName));

        String inBinary = aliceWeb.newToken("in-binary", "read");
        Files.write(work.resolve("blob.dat"), ("\0\1\2binary " + inBinary + "\0").getBytes(StandardCharsets.ISO_8859_1));
        git.run(work, "add", ".").ok();
        git.run(work, "commit", "-q", "-m", "binary").ok();
        assertRefusedAndRevoked(git.run(work, "push", "origin", "main"), inBinary, "blob.dat");
        git.run(work, "reset", "-q", "--hard", "origin/main").ok();

        String inUtf16 = aliceWeb.newToken("in-utf16", "read");
        Files.write(work.resolve("settings.ini"), ("[hub]\ntoken = " + inUtf16 + "\n").getBytes(StandardCharsets.UTF_16));
        git.run(work, "add", ".").ok();
        git.run(work, "commit", "-q", "-m", "utf-16").ok();
        assertRefusedAndRevoked(git.run(work, "push", "origin", "main"), inUtf16, "settings.ini:2");
        git.run(work, "reset", "-q", "--hard", "origin/main").ok();

        String glued = aliceWeb.newToken("glued", "read");
        commitFile(work, "config.json", "{\"env\": \"A=1\\n" + glued + "\", \"url\": \"x?token%3D" + glued + "\"}\n");
        assertRefusedAndRevoked(git.run(work, "push", "origin", "main"), glued, "config.json:1");
        git.run(work, "reset", "-q", "--hard", "origin/main").ok();

        // The commit API: the header's summary and description, and an inline file over 10 MiB (kept in LFS).
        String inSummary = aliceWeb.newToken("in-summary", "read");
        HttpResponse<String> summary = commit(repo, "{\"summary\":\"use " + inSummary + "\"}", "b.txt", "b\n");
        assertEquals(422, summary.statusCode(), summary.body());
        assertFalse(summary.body().contains(inSummary), summary.body());
        assertFalse(tokenWorks(inSummary));
        String inDescription = aliceWeb.newToken("in-description", "read");
        HttpResponse<String> description = commit(repo, "{\"summary\":\"x\",\"description\":\"t=" + inDescription + "\"}", "b.txt", "b\n");
        assertEquals(422, description.statusCode(), description.body());
        assertFalse(tokenWorks(inDescription));
        String inLarge = aliceWeb.newToken("in-large", "read");
        HttpResponse<String> large = commit(repo, "{\"summary\":\"big\"}", "data/big.txt",
                "x".repeat(11 * 1024 * 1024) + "\n" + inLarge + "\n");
        assertEquals(422, large.statusCode(), large.body());
        assertFalse(tokenWorks(inLarge), "a file over 10 MiB is read too");

        // The tag API's message.
        String inApiTag = aliceWeb.newToken("in-api-tag", "read");
        HttpResponse<String> tag = Json.send("POST", "/api/models/" + repo + "/tag/main",
                "{\"tag\":\"v2\",\"message\":" + Json.q("release " + inApiTag) + "}", Credential.token(aliceWrite));
        assertEquals(403, tag.statusCode(), tag.body());
        assertFalse(tag.body().contains(inApiTag), tag.body());
        assertFalse(tokenWorks(inApiTag));
    }

    /** Dead tokens are looked up together; more than 1,000 different ones refuse the push unlooked-up, quickly. */
    @Test
    void manyDeadTokensCostLittleAndTooManyRefuseThePush() throws Exception {
        String repo = createRepo("dead-tokens");
        Path work = clone(repo);
        String live = aliceWeb.newToken("among-the-dead", "read");
        StringBuilder some = new StringBuilder();
        for (int i = 0; i < 900; i++) {
            some.append(org.hubguard.tokens.TokenFormat.generate()).append('\n');
        }
        commitFile(work, "dead.txt", some.append(live).append('\n').toString());
        assertRefusedAndRevoked(git.run(work, "push", "origin", "main"), live, "dead.txt:901 (hubguard access token)");
        git.run(work, "reset", "-q", "--hard", "origin/main").ok();

        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 70_000; i++) {
            many.append(org.hubguard.tokens.TokenFormat.generate()).append('\n');
        }
        commitFile(work, "many.txt", many.toString());
        long start = System.nanoTime();
        GitCli.Result push = git.run(work, "push", "origin", "main");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertNotEquals(0, push.exitCode(), push.output());
        assertTrue(push.output().contains("too many token-like strings"), push.output());
        assertTrue(millis < 8_000, "70,000 dead tokens took " + millis + " ms (15.7 s when each was looked up on its own)");
    }

    private static void assertRefusedAndRevoked(GitCli.Result push, String token, String where) throws Exception {
        assertNotEquals(0, push.exitCode(), push.output());
        assertTrue(push.output().contains(where), where + ":\n" + push.output());
        assertFalse(push.output().contains(token), "the secret is never echoed:\n" + push.output());
        assertFalse(tokenWorks(token), "revoked: " + where);
    }

    private static HttpResponse<String> commit(String repo, String header, String path, String content) throws Exception {
        String body = "{\"key\":\"header\",\"value\":" + header + "}\n"
                + "{\"key\":\"file\",\"value\":{\"path\":" + Json.q(path) + ",\"encoding\":\"base64\",\"content\":\""
                + Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)) + "\"}}\n";
        return HTTP.send(HttpRequest.newBuilder(URI.create(url("/api/models/" + repo + "/commit/main")))
                .header("Authorization", "Bearer " + aliceWrite).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theRevokeEndpointRevokesLiveTokensForAnybodyAndAlwaysAnswers202() throws Exception {
        String live = aliceWeb.newToken("reported", "read");
        String other = aliceWeb.newToken("not-reported", "read");
        String body = "{\"tokens\":[" + Json.q(live) + ",\"hf_" + "abcdefghijklmnopqrstuvwxyzABCDEFGH\",\"nonsense\"]}";
        assertEquals(202, anonymousRevoke(body).statusCode());
        assertFalse(tokenWorks(live));
        assertTrue(tokenWorks(other));
        assertEquals(202, anonymousRevoke(body).statusCode(), "the same report again");
        assertEquals(202, anonymousRevoke("").statusCode());
        assertEquals(202, anonymousRevoke("{not json").statusCode());

        JsonArray events = auditEvents("event=token.revoke_by_report&target="
                + java.net.URLEncoder.encode("token 'reported' of " + alice, StandardCharsets.UTF_8));
        assertEquals(1, events.size(), events.toString());
        assertTrue(events.getJsonObject(0).isNull("actor"));
        assertEquals("anonymous", events.getJsonObject(0).getString("credential"));
    }

    @Test
    void aReportIsTakenWhateverItsHeadersAndJunkHidesNoTokenBehindIt() throws Exception {
        String withBadAuthorization = aliceWeb.newToken("report-bad-auth", "read");
        HttpResponse<String> badAuthorization = HTTP.send(HttpRequest.newBuilder(URI.create(url("/api/credentials/revoke")))
                .header("Authorization", "Bearer not-a-token").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"tokens\":[" + Json.q(withBadAuthorization) + "]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, badAuthorization.statusCode(), badAuthorization.body());
        assertFalse(tokenWorks(withBadAuthorization));

        String withJunkType = aliceWeb.newToken("report-junk-type", "read");
        HttpResponse<String> junkType = HTTP.send(HttpRequest.newBuilder(URI.create(url("/api/credentials/revoke")))
                .header("Content-Type", "junk/// ;;").POST(HttpRequest.BodyPublishers.ofString(withJunkType)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, junkType.statusCode(), junkType.body());
        assertFalse(tokenWorks(withJunkType));

        String behindJunk = aliceWeb.newToken("report-behind-junk", "read");
        StringBuilder body = new StringBuilder("{\"tokens\":[");
        for (int i = 0; i < 150; i++) {
            body.append("\"hf_").append(String.format("%034d", i)).append("\",");
        }
        assertEquals(202, anonymousRevoke(body.append(Json.q(behindJunk)).append("]}").toString()).statusCode());
        assertFalse(tokenWorks(behindJunk), "150 strings without a valid checksum do not count towards the cap of 100");
    }

    private static HttpResponse<String> anonymousRevoke(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url("/api/credentials/revoke"))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
