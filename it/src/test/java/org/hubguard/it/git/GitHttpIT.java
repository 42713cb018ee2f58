package org.hubguard.it.git;

import static org.hubguard.it.support.Json.q;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.hubguard.it.support.Fixtures;
import org.hubguard.it.support.GitCli;
import org.hubguard.it.support.Json;
import org.hubguard.it.support.Json.Credential;
import org.hubguard.it.support.TestServer;
import org.hubguard.it.support.Users;
import org.hubguard.it.support.WebSession;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Clone and push with the real git CLI, a token as the password, and the files API reading it back. */
@ExtendWith(ArquillianExtension.class)
class GitHttpIT extends TestServer {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static GitCli git;
    private static String alice;
    private static String aliceWrite;
    private static String aliceRead;
    private static String mallory;
    private static String malloryWrite;

    @BeforeAll
    static void setUp() throws Exception {
        git = new GitCli();
        alice = Users.uniqueName("git-alice");
        mallory = Users.uniqueName("git-mallory");
        WebSession.signUpAndSignIn(alice);
        WebSession.signUpAndSignIn(mallory);
        aliceWrite = Fixtures.insertToken(alice, "WRITE", List.of());
        aliceRead = Fixtures.insertToken(alice, "READ", List.of());
        malloryWrite = Fixtures.insertToken(mallory, "WRITE", List.of());
    }

    private static String createRepo(String token, String body) throws Exception {
        HttpResponse<String> created = Json.send("POST", "/api/repos/create", body, Credential.token(token));
        assertEquals(200, created.statusCode(), created.body());
        return json(created.body()).getString("name");
    }

    @Test
    void anonymousClonesAPublicRepositoryCreatedWithMainAndGitattributes() throws Exception {
        String repo = createRepo(aliceWrite, "{\"name\":\"public-model\"}");
        Path dir = git.newDir("clone");
        git.run(dir, "clone", GitCli.url("/" + repo, null), "work").ok();
        assertTrue(Files.exists(dir.resolve("work/.gitattributes")));
        assertEquals("main", git.run(dir.resolve("work"), "rev-parse", "--abbrev-ref", "HEAD").ok().output().trim());
        git.run(dir, "clone", GitCli.url("/" + repo + ".git", null), "with-suffix").ok();

        Path datasets = git.newDir("dataset");
        String dataset = createRepo(aliceWrite, "{\"name\":\"public-data\",\"type\":\"dataset\"}");
        git.run(datasets, "clone", GitCli.url("/datasets/" + dataset, null), "work").ok();
        assertTrue(Files.exists(datasets.resolve("work/.gitattributes")));
    }

    @Test
    void aPrivateRepositoryAsksAnonymousCallersForCredentialsAndHidesFromStrangers() throws Exception {
        String repo = createRepo(aliceWrite, "{\"name\":\"private-model\",\"private\":true}");
        Path dir = git.newDir("private");
        GitCli.Result anonymous = git.run(dir, "clone", GitCli.url("/" + repo, null), "anon");
        assertTrue(anonymous.exitCode() != 0);
        assertTrue(anonymous.output().contains("could not read Username"), "git was asked for credentials (401):\n" + anonymous.output());

        git.run(dir, "clone", GitCli.url("/" + repo, aliceRead), "alice").ok();
        assertTrue(Files.exists(dir.resolve("alice/.gitattributes")));

        GitCli.Result stranger = git.run(dir, "clone", GitCli.url("/" + repo, malloryWrite), "mallory");
        assertTrue(stranger.exitCode() != 0);
        assertTrue(stranger.output().contains("not found"), stranger.output());
    }

    /** The Hub's URLs answer through one error shape, and every answer carries the security headers. */
    @Test
    void gitDownloadsAndRefusalsCarryTheSecurityHeadersAndJsonErrors() throws Exception {
        String repo = createRepo(aliceWrite, "{\"name\":\"headers-model\",\"private\":true}");
        HttpResponse<String> anonymousGit = get("/" + repo + ".git/info/refs?service=git-upload-pack", null);
        assertEquals(401, anonymousGit.statusCode());
        assertEquals("Basic realm=\"hubguard\"", anonymousGit.headers().firstValue("WWW-Authenticate").orElse(""));
        assertTrue(json(anonymousGit.body()).getString("error").contains("authenticate"), anonymousGit.body());

        HttpResponse<String> strangerDownload = get("/" + repo + "/resolve/main/.gitattributes", "Bearer " + malloryWrite);
        assertEquals(404, strangerDownload.statusCode());
        assertEquals("RepoNotFound", strangerDownload.headers().firstValue("X-Error-Code").orElse(""));

        HttpResponse<String> badToken = get("/" + repo + ".git/info/refs?service=git-upload-pack", "Bearer hf_nope");
        assertEquals(401, badToken.statusCode());

        HttpResponse<String> refs = get("/" + repo + ".git/info/refs?service=git-upload-pack", "Bearer " + aliceRead);
        HttpResponse<String> download = get("/" + repo + "/resolve/main/.gitattributes", "Bearer " + aliceRead);
        assertEquals(200, refs.statusCode());
        assertEquals(200, download.statusCode());
        for (HttpResponse<String> answer : List.of(anonymousGit, strangerDownload, badToken, refs, download)) {
            assertEquals("nosniff", answer.headers().firstValue("X-Content-Type-Options").orElse(""), answer.uri().toString());
            assertEquals("DENY", answer.headers().firstValue("X-Frame-Options").orElse(""), answer.uri().toString());
        }
    }

    private static HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(TestServer.url(path)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pushWithAWriteTokenThenReadTheFilesBackThroughTheApi() throws Exception {
        String repo = createRepo(aliceWrite, "{\"name\":\"pushed-model\",\"private\":true}");
        Path work = git.newDir("push").resolve("work");
        git.run(work.getParent(), "clone", GitCli.url("/" + repo, aliceWrite), "work").ok();
        byte[] weights = new byte[300_000];
        new Random(42).nextBytes(weights);
        Files.createDirectories(work.resolve("weights"));
        Files.write(work.resolve("weights/model.bin"), weights);
        Files.writeString(work.resolve("config.json"), "{\"hidden_size\": 64}\n");
        git.run(work, "add", ".").ok();
        git.run(work, "commit", "-m", "Add weights and config").ok();
        git.run(work, "push", "origin", "main").ok();
        String head = git.run(work, "rev-parse", "HEAD").ok().output().trim();

        Credential read = Credential.token(aliceRead);
        JsonObject info = json(Json.send("GET", "/api/models/" + repo, null, read).body());
        assertEquals(head, info.getString("sha"));
        List<String> siblings = info.getJsonArray("siblings").stream().map(s -> s.asJsonObject().getString("rfilename")).toList();
        assertEquals(List.of(".gitattributes", "config.json", "weights/model.bin"), siblings);

        JsonArray root = jsonArray(Json.send("GET", "/api/models/" + repo + "/tree/main", null, read).body());
        assertEquals(List.of(".gitattributes:file", "config.json:file", "weights:directory"),
                root.stream().map(e -> e.asJsonObject().getString("path") + ":" + e.asJsonObject().getString("type")).toList());
        JsonArray sub = jsonArray(Json.send("GET", "/api/models/" + repo + "/tree/" + head + "/weights?recursive=true", null, read).body());
        assertEquals(300_000, sub.getJsonObject(0).getJsonNumber("size").longValue());
        HttpResponse<String> paged = Json.send("GET", "/api/models/" + repo + "/tree/main?recursive=true&limit=2", null, read);
        assertEquals(2, jsonArray(paged.body()).size());
        assertTrue(paged.headers().firstValue("Link").orElse("").contains("cursor=2"), paged.headers().toString());

        HttpResponse<byte[]> file = download("/" + repo + "/resolve/main/weights/model.bin", aliceRead, null, "GET");
        assertEquals(200, file.statusCode());
        assertArrayEquals(weights, file.body());
        assertEquals("300000", file.headers().firstValue("Content-Length").orElse(""));
        String etag = file.headers().firstValue("ETag").orElse("");
        assertEquals(head, file.headers().firstValue("X-Repo-Commit").orElse(""));

        assertEquals("application/octet-stream", file.headers().firstValue("Content-Type").orElse(""));
        assertTrue(file.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"), "never rendered by the browser");
        assertEquals("nosniff", file.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals(416, download("/" + repo + "/resolve/main/config.json", aliceRead, "bytes=0-99999999999999999999", "GET").statusCode());

        HttpResponse<byte[]> range = download("/" + repo + "/resolve/main/weights/model.bin", aliceRead, "bytes=100-109", "GET");
        assertEquals(206, range.statusCode());
        assertEquals("bytes 100-109/300000", range.headers().firstValue("Content-Range").orElse(""));
        assertArrayEquals(java.util.Arrays.copyOfRange(weights, 100, 110), range.body());
        HttpResponse<byte[]> head1 = download("/" + repo + "/raw/" + head + "/config.json", aliceRead, null, "HEAD");
        assertEquals(200, head1.statusCode());
        assertEquals(0, head1.body().length);
        assertEquals(etag.isEmpty(), false);

        assertEquals("EntryNotFound", download("/" + repo + "/resolve/main/missing.txt", aliceRead, null, "GET").headers().firstValue("X-Error-Code").orElse(""));
        assertEquals("RevisionNotFound", download("/" + repo + "/resolve/no-such-branch/config.json", aliceRead, null, "GET").headers().firstValue("X-Error-Code").orElse(""));
        assertEquals(401, download("/" + repo + "/resolve/main/config.json", null, null, "GET").statusCode(), "private: anonymous must authenticate");
        assertEquals(404, download("/" + repo + "/resolve/main/config.json", malloryWrite, null, "GET").statusCode());

        JsonArray commits = jsonArray(Json.send("GET", "/api/models/" + repo + "/commits/main", null, read).body());
        assertEquals(List.of("Add weights and config", "Initial commit"), commits.stream().map(c -> c.asJsonObject().getString("title")).toList());
        assertEquals("Test Author", commits.getJsonObject(0).getJsonArray("authors").getJsonObject(0).getString("user"));
    }

    @Test
    void pushesWithoutWriteAccessAreRefusedWithTheReason() throws Exception {
        String repo = createRepo(aliceWrite, "{\"name\":\"guarded\"}");
        Path dir = git.newDir("refused");
        git.run(dir, "clone", GitCli.url("/" + repo, aliceRead), "work").ok();
        Path work = dir.resolve("work");
        Files.writeString(work.resolve("notes.txt"), "hello\n");
        git.run(work, "add", ".").ok();
        git.run(work, "commit", "-m", "notes").ok();

        GitCli.Result readToken = git.run(work, "push", "origin", "main");
        assertTrue(readToken.exitCode() != 0);
        assertTrue(readToken.output().contains("This token has the read role; a write token is needed"), readToken.output());

        GitCli.Result stranger = git.run(work, "push", GitCli.url("/" + repo, malloryWrite), "main");
        assertTrue(stranger.exitCode() != 0);
        assertTrue(stranger.output().contains("You may not push to this repository"), stranger.output());

        GitCli.Result anonymous = git.run(work, "push", GitCli.url("/" + repo, null), "main");
        assertTrue(anonymous.exitCode() != 0);
        assertTrue(anonymous.output().contains("could not read Username"), anonymous.output());

        assertEquals(1, jsonArray(Json.send("GET", "/api/models/" + repo + "/commits/main", null, Credential.NONE).body()).size(), "nothing was pushed");

        // A pack posted straight to git-receive-pack without write access is refused before it is stored.
        long id = Long.parseLong(json(Json.send("GET", "/api/models/" + repo, null, Credential.NONE).body()).getString("_id"));
        Path packs = Path.of(System.getProperty("jboss.home"), "standalone", "data", "hubguard", "git", id + ".git", "objects", "pack");
        long packsBefore = Files.exists(packs) ? Files.list(packs).count() : 0;
        byte[] junk = new byte[200_000];
        new Random(3).nextBytes(junk);
        HttpResponse<String> raw = HTTP.send(HttpRequest.newBuilder(URI.create(url("/" + repo + ".git/git-receive-pack")))
                .header("Authorization", "Bearer " + aliceRead).header("Content-Type", "application/x-git-receive-pack-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(junk)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, raw.statusCode(), raw.body());
        assertEquals(packsBefore, Files.exists(packs) ? Files.list(packs).count() : 0, "no pack was written");
    }

    @Test
    void organizationWriteMembersPushAndReadMembersCannot() throws Exception {
        String org = Users.uniqueName("git-org");
        String writer = Users.uniqueName("git-writer");
        String reader = Users.uniqueName("git-reader");
        Credential admin = Credential.session(WebSession.signUpAndSignIn(Users.uniqueName("git-admin")).cookie());
        WebSession.signUpAndSignIn(writer);
        WebSession.signUpAndSignIn(reader);
        assertEquals(201, Json.send("POST", "/api/organizations/new", "{\"name\":" + q(org) + "}", admin).statusCode());
        assertEquals(201, Json.send("POST", "/api/organizations/" + org + "/members", "{\"username\":" + q(writer) + ",\"role\":\"write\"}", admin).statusCode());
        assertEquals(201, Json.send("POST", "/api/organizations/" + org + "/members", "{\"username\":" + q(reader) + ",\"role\":\"read\"}", admin).statusCode());
        assertEquals(200, Json.send("POST", "/api/repos/create", "{\"name\":\"team-model\",\"organization\":" + q(org) + ",\"private\":true}", admin).statusCode());
        String writerToken = Fixtures.insertToken(writer, "WRITE", List.of());
        String readerToken = Fixtures.insertToken(reader, "WRITE", List.of());

        Path dir = git.newDir("org");
        git.run(dir, "clone", GitCli.url("/" + org + "/team-model", readerToken), "work").ok();
        Path work = dir.resolve("work");
        Files.writeString(work.resolve("README.md"), "# Team model\n");
        git.run(work, "add", ".").ok();
        git.run(work, "commit", "-m", "readme").ok();
        GitCli.Result readMember = git.run(work, "push", "origin", "main");
        assertTrue(readMember.exitCode() != 0 && readMember.output().contains("You may not push"), readMember.output());
        git.run(work, "push", GitCli.url("/" + org + "/team-model", writerToken), "main").ok();
    }

    @Test
    void aRenamedRepositoryClonesAtItsNewUrl() throws Exception {
        String repo = createRepo(aliceWrite, "{\"name\":\"old-name\"}");
        Path dir = git.newDir("rename");
        git.run(dir, "clone", GitCli.url("/" + repo, aliceWrite), "work").ok();
        Path work = dir.resolve("work");
        Files.writeString(work.resolve("data.txt"), "kept\n");
        git.run(work, "add", ".").ok();
        git.run(work, "commit", "-m", "data").ok();
        git.run(work, "push", "origin", "main").ok();

        assertEquals(200, Json.send("POST", "/api/repos/move", "{\"fromRepo\":" + q(repo) + ",\"toRepo\":" + q(alice + "/new-name") + "}",
                Credential.token(aliceWrite)).statusCode());
        git.run(dir, "clone", GitCli.url("/" + alice + "/new-name", null), "renamed").ok();
        assertEquals("kept\n", Files.readString(dir.resolve("renamed/data.txt")));
        // the old URL redirects to the new one, as on the Hub, until another repository takes the name
        git.run(dir, "clone", GitCli.url("/" + repo, aliceWrite), "old").ok();
        assertEquals("kept\n", Files.readString(dir.resolve("old/data.txt")));
        createRepo(aliceWrite, "{\"name\":\"old-name\"}");
        git.run(dir, "clone", GitCli.url("/" + repo, aliceWrite), "taken").ok();
        assertFalse(Files.exists(dir.resolve("taken/data.txt")), "the name is the new repository's now");
    }

    @Test
    void aFileOverTheSizeLimitIsRefused() throws Exception {
        String repo = createRepo(aliceWrite, "{\"name\":\"too-big\"}");
        Path dir = git.newDir("big");
        git.run(dir, "clone", GitCli.url("/" + repo, aliceWrite), "work").ok();
        Path work = dir.resolve("work");
        byte[] big = new byte[11 * 1024 * 1024];
        new Random(7).nextBytes(big);
        Files.write(work.resolve("huge.bin"), big);
        git.run(work, "add", ".").ok();
        git.run(work, "commit", "-m", "huge").ok();
        GitCli.Result push = git.run(work, "push", "origin", "main");
        assertTrue(push.exitCode() != 0);
        assertTrue(push.output().contains("file huge.bin is 11.0 MiB; git stores files up to 10.0 MiB"), push.output());
    }

    @Test
    void twoPushesRacingOnOneBranchLeaveOneWinnerAndAConsistentRepository() throws Exception {
        String repo = createRepo(aliceWrite, "{\"name\":\"race\"}");
        Path dir = git.newDir("race");
        for (String side : List.of("a", "b")) {
            git.run(dir, "clone", GitCli.url("/" + repo, aliceWrite), side).ok();
            Path work = dir.resolve(side);
            byte[] content = new byte[2_000_000];
            new Random(side.hashCode()).nextBytes(content);
            Files.write(work.resolve(side + ".bin"), content);
            git.run(work, "add", ".").ok();
            git.run(work, "commit", "-m", "side " + side).ok();
        }
        CompletableFuture<GitCli.Result> a = CompletableFuture.supplyAsync(() -> push(dir.resolve("a")));
        CompletableFuture<GitCli.Result> b = CompletableFuture.supplyAsync(() -> push(dir.resolve("b")));
        List<GitCli.Result> results = List.of(a.get(), b.get());
        assertEquals(1, results.stream().filter(r -> r.exitCode() == 0).count(), "exactly one push wins:\n" + results);

        String winner = results.get(0).exitCode() == 0 ? "a" : "b";
        String serverHead = json(Json.send("GET", "/api/models/" + repo, null, Credential.NONE).body()).getString("sha");
        assertEquals(git.run(dir.resolve(winner), "rev-parse", "HEAD").ok().output().trim(), serverHead);
        long id = Long.parseLong(json(Json.send("GET", "/api/models/" + repo, null, Credential.NONE).body()).getString("_id"));
        Path bare = Path.of(System.getProperty("jboss.home"), "standalone", "data", "hubguard", "git", id + ".git");
        GitCli.Result fsck = git.run(dir, "--git-dir=" + bare, "fsck", "--strict", "--no-dangling");
        assertEquals(0, fsck.exitCode(), fsck.output());
    }

    private static GitCli.Result push(Path work) {
        try {
            return git.run(work, "push", "origin", "main");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<byte[]> download(String path, String token, String range, String method) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (range != null) {
            request.header("Range", range);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonObject json(String body) {
        return jakarta.json.Json.createReader(new StringReader(body)).readObject();
    }

    private static JsonArray jsonArray(String body) {
        return jakarta.json.Json.createReader(new StringReader(body)).readArray();
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
