package org.hubguard.it.lfs;

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
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.hubguard.it.support.Fixtures;
import org.hubguard.it.support.GitCli;
import org.hubguard.it.support.Json.Credential;
import org.hubguard.it.support.Samples;
import org.hubguard.it.support.TestServer;
import org.hubguard.it.support.Users;
import org.hubguard.it.support.WebSession;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Git LFS with the real git-lfs CLI and over plain HTTP: storage by content, permissions, refusals, downloads. */
@ExtendWith(ArquillianExtension.class)
class LfsIT extends TestServer {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String LFS_JSON = "application/vnd.git-lfs+json";

    private static GitCli git;
    private static String alice;
    private static String aliceWrite;
    private static String aliceRead;
    private static String malloryWrite;

    @BeforeAll
    static void setUp() throws Exception {
        git = new GitCli();
        git.run(Path.of("."), "lfs", "install", "--skip-repo").ok(); // in the test's own HOME
        alice = Users.uniqueName("lfs-alice");
        String mallory = Users.uniqueName("lfs-mallory");
        WebSession.signUpAndSignIn(alice);
        WebSession.signUpAndSignIn(mallory);
        aliceWrite = Fixtures.insertToken(alice, "WRITE", List.of());
        aliceRead = Fixtures.insertToken(alice, "READ", List.of());
        malloryWrite = Fixtures.insertToken(mallory, "WRITE", List.of());
    }

    @Test
    void gitLfsPushesAndClonesA30MbFileStoredByContent() throws Exception {
        String repo = createRepo("weights", true);
        Path work = clone(repo, aliceWrite, "push");
        byte[] weights = random(30 * 1024 * 1024, 1);
        Files.write(work.resolve("model.bin"), weights); // *.bin is in LFS by the repository's .gitattributes
        git.run(work, "add", "model.bin").ok();
        git.run(work, "commit", "-m", "Add weights").ok();
        GitCli.Result push = git.run(work, "push", "origin", "main").ok();
        assertFalse(push.output().contains("locking API"), "git lfs push does not warn about locks:\n" + push.output());

        Path fresh = clone(repo, aliceRead, "fresh");
        assertArrayEquals(weights, Files.readAllBytes(fresh.resolve("model.bin")), "git clone with git-lfs gets the content");

        JsonObject entry = treeEntry(repo, "model.bin");
        assertEquals(weights.length, entry.getJsonNumber("size").longValue());
        assertEquals(sha256(weights), entry.getJsonObject("lfs").getString("oid"));
        assertEquals(weights.length, entry.getJsonObject("lfs").getJsonNumber("size").longValue());
        assertTrue(entry.getJsonObject("lfs").getInt("pointerSize") < 200);

        HttpResponse<byte[]> resolve = get("/" + repo + "/resolve/main/model.bin", aliceRead, null);
        assertEquals(200, resolve.statusCode());
        assertArrayEquals(weights, resolve.body());
        assertEquals("\"" + sha256(weights) + "\"", resolve.headers().firstValue("ETag").orElse(""));
        assertEquals("\"" + sha256(weights) + "\"", resolve.headers().firstValue("X-Linked-Etag").orElse(""));
        assertEquals(String.valueOf(weights.length), resolve.headers().firstValue("X-Linked-Size").orElse(""));
        assertEquals(40, resolve.headers().firstValue("X-Repo-Commit").orElse("").length());
        HttpResponse<byte[]> part = get("/" + repo + "/resolve/main/model.bin", aliceRead, "bytes=1000-1999");
        assertEquals(206, part.statusCode());
        assertArrayEquals(java.util.Arrays.copyOfRange(weights, 1000, 2000), part.body());
        String raw = new String(get("/" + repo + "/raw/main/model.bin", aliceRead, null).body(), StandardCharsets.UTF_8);
        assertTrue(raw.startsWith("version https://git-lfs.github.com/spec/v1\noid sha256:" + sha256(weights)), "raw serves the pointer: " + raw);
    }

    @Test
    void readTokensStrangersAndOutOfScopeTokensCannotUploadAndStrangersCannotDownload() throws Exception {
        String repo = createRepo("guarded", true);
        byte[] content = random(1024, 2);
        String oid = sha256(content);
        String other = createRepo("other-repo", true);
        String scoped = Fixtures.insertToken(alice, "FINE_GRAINED", List.of(new Fixtures.Grant("MODEL", other, "REPO_WRITE"), new Fixtures.Grant("MODEL", other, "REPO_CONTENT_READ"),
                new Fixtures.Grant("MODEL", repo, "REPO_CONTENT_READ")));

        assertEquals(403, batch(repo, aliceRead, "upload", oid, content.length).statusCode(), "read token");
        assertEquals(403, batch(repo, scoped, "upload", oid, content.length).statusCode(), "fine-grained token that writes another repository");
        assertEquals(200, batch(other, scoped, "upload", oid, content.length).statusCode(), "and that one it may write");
        assertEquals(404, batch(repo, malloryWrite, "upload", oid, content.length).statusCode(), "a stranger does not see the private repository");
        HttpResponse<String> anonymous = batch(repo, null, "download", oid, content.length);
        assertEquals(401, anonymous.statusCode(), "anonymous callers are asked to authenticate");
        assertEquals("Basic realm=\"hubguard\"", anonymous.headers().firstValue("LFS-Authenticate").orElse(""));
        assertEquals(LFS_JSON, anonymous.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertTrue(json(anonymous.body()).getString("message").length() > 10);

        // Uploaded by alice to one repository: another repository (even hers) does not serve it without its own upload.
        upload(repo, aliceWrite, content);
        JsonObject download = json(batch(repo, aliceRead, "download", oid, content.length).body()).getJsonArray("objects").getJsonObject(0);
        assertTrue(download.getJsonObject("actions").containsKey("download"));
        JsonObject elsewhere = json(batch(other, aliceRead, "download", oid, content.length).body()).getJsonArray("objects").getJsonObject(0);
        assertEquals(404, elsewhere.getJsonObject("error").getInt("code"), "the object is not linked to the other repository");
        JsonObject otherUpload = json(batch(other, aliceWrite, "upload", oid, content.length).body()).getJsonArray("objects").getJsonObject(0);
        assertTrue(otherUpload.getJsonObject("actions").containsKey("upload"), "knowing the hash is not enough: the bytes must be uploaded");
    }

    @Test
    void aPushedPointerWithoutItsObjectIsRefusedNamingTheFile() throws Exception {
        String repo = createRepo("pointers", false);
        Path work = clone(repo, aliceWrite, "pointer");
        String missing = sha256("never uploaded".getBytes(StandardCharsets.UTF_8));
        Files.writeString(work.resolve("ghost.bin"), "version https://git-lfs.github.com/spec/v1\noid sha256:" + missing + "\nsize 14\n");
        git.run(work, "-c", "filter.lfs.clean=cat", "-c", "filter.lfs.required=false", "add", "ghost.bin").ok();
        git.run(work, "commit", "-m", "A pointer to nothing").ok();
        GitCli.Result push = git.run(work, "push", "--no-verify", "origin", "main");
        assertTrue(push.exitCode() != 0, push.output());
        assertTrue(push.output().contains("ghost.bin is a Git LFS pointer to an object this repository does not have"), push.output());
        assertEquals(List.of(".gitattributes"), tree(repo).stream().map(e -> e.getString("path")).toList(), "nothing was accepted");
    }

    @Test
    void aRegularFileOverTheGitLimitIsRefusedWithAHintToUseLfs() throws Exception {
        String repo = createRepo("no-lfs", false);
        Path work = clone(repo, aliceWrite, "nolfs");
        Files.write(work.resolve("huge.dat"), random(11 * 1024 * 1024, 3));
        git.run(work, "add", "huge.dat").ok();
        git.run(work, "commit", "-m", "Too big for git").ok();
        GitCli.Result push = git.run(work, "push", "origin", "main");
        assertTrue(push.exitCode() != 0 && push.output().contains("track it with Git LFS"), push.output());
    }

    @Test
    void badUploadsAreRefusedInTheLfsFormatAndLeaveNothingBehind() throws Exception {
        String repo = createRepo("bad-input", false);
        byte[] content = random(4096, 4);
        String oid = sha256(content);

        HttpResponse<String> malformed = post("/" + repo + ".git/info/lfs/objects/batch", aliceWrite, "{not json");
        assertEquals(400, malformed.statusCode());
        assertEquals(LFS_JSON, malformed.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertTrue(json(malformed.body()).getString("message").contains("JSON"), malformed.body());

        JsonObject badOid = json(batch(repo, aliceWrite, "upload", "../../../etc/passwd", 10).body()).getJsonArray("objects").getJsonObject(0);
        assertEquals(422, badOid.getJsonObject("error").getInt("code"));
        JsonObject tooLarge = json(batch(repo, aliceWrite, "upload", oid, 60L * 1024 * 1024 * 1024).body()).getJsonArray("objects").getJsonObject(0);
        assertEquals(422, tooLarge.getJsonObject("error").getInt("code"));
        assertTrue(tooLarge.getJsonObject("error").getString("message").contains("limit for a large file"));

        String href = uploadHref(repo, oid, content.length);
        byte[] other = random(4096, 5);
        HttpResponse<String> wrongHash = put(href, other);
        assertEquals(422, wrongHash.statusCode(), wrongHash.body());
        assertTrue(json(wrongHash.body()).getString("message").contains("SHA-256"), wrongHash.body());
        HttpResponse<String> shortBody = put(href, java.util.Arrays.copyOf(content, 100));
        assertEquals(422, shortBody.statusCode(), shortBody.body());
        assertEquals(401, put(href.replaceAll("t=[^&]+", "t=forged.token"), content).statusCode(), "a forged link");
        HttpResponse<String> escape = put(url("/" + repo + ".git/info/lfs/objects/..%2F..%2Fescape"), content);
        assertTrue(escape.statusCode() >= 400 && escape.statusCode() < 500, escape.statusCode() + " " + escape.body());
        assertEquals(404, get("/" + repo + ".git/info/lfs/objects/" + oid, aliceWrite, null).statusCode(), "nothing was stored");
        try (Stream<Path> temporary = Files.list(lfsDir().resolve("tmp"))) {
            assertEquals(List.of(), temporary.toList(), "no temporary file is left behind");
        }
        assertEquals(200, put(href, content).statusCode(), "the right bytes are taken");
    }

    @Test
    void theCommitApiWritesLfsFilesAndRefusesOnesWithoutAnObject() throws Exception {
        String repo = createRepo("api-lfs", false);
        byte[] content = random(2 * 1024 * 1024, 6);
        upload(repo, aliceWrite, content);
        String lfsLine = "{\"key\":\"lfsFile\",\"value\":{\"path\":\"data/weights.safetensors\",\"algo\":\"sha256\",\"oid\":" + q(sha256(content))
                + ",\"size\":" + content.length + "}}";
        HttpResponse<String> committed = commit(repo, aliceWrite, header("Add weights"), lfsLine);
        assertEquals(200, committed.statusCode(), committed.body());
        JsonObject entry = treeEntry(repo, "data/weights.safetensors");
        assertEquals(sha256(content), entry.getJsonObject("lfs").getString("oid"));
        assertArrayEquals(content, get("/" + repo + "/resolve/main/data/weights.safetensors", aliceRead, null).body());

        String ghost = "{\"key\":\"lfsFile\",\"value\":{\"path\":\"ghost.bin\",\"algo\":\"sha256\",\"oid\":" + q(sha256(random(10, 7))) + ",\"size\":10}}";
        HttpResponse<String> refused = commit(repo, aliceWrite, header("Add a ghost"), ghost);
        assertEquals(400, refused.statusCode());
        assertTrue(json(refused.body()).getString("error").contains("does not have"), refused.body());
    }

    @Test
    void inlineUploadsOfLargeFilesAreKeptInLfsByTheServer() throws Exception {
        String repo = createRepo("inline", false);
        byte[] big = random(12 * 1024 * 1024, 8);
        String file = "{\"key\":\"file\",\"value\":{\"content\":" + q(java.util.Base64.getEncoder().encodeToString(big))
                + ",\"path\":\"big.dat\",\"encoding\":\"base64\"}}";
        HttpResponse<String> committed = commit(repo, aliceWrite, header("Inline upload"), file);
        assertEquals(200, committed.statusCode(), committed.body());
        assertEquals(sha256(big), treeEntry(repo, "big.dat").getJsonObject("lfs").getString("oid"), "over git's limit: kept in LFS");
        assertArrayEquals(big, get("/" + repo + "/resolve/main/big.dat", aliceRead, null).body());
        String files = "{\"files\":[{\"path\":\"model.safetensors\",\"size\":100},{\"path\":\"README.md\",\"size\":100},{\"path\":\"big.dat\",\"size\":20000000}]}";
        assertEquals(List.of("lfs", "regular", "lfs"), uploadModes(repo, files, "@huggingface/hub"));
        assertEquals(List.of("regular", "regular", "regular"), uploadModes(repo, files, "unknown/None; hf_hub/1.28.0; python/3.11.7"),
                "huggingface_hub >= 1.20 would insist on Xet for lfs files: everything inline");
        assertEquals(List.of("lfs", "regular", "lfs"), uploadModes(repo, files, "unknown/None; hf_hub/0.36.0; python/3.11.7"),
                "older huggingface_hub negotiates and takes plain LFS");
    }

    @Test
    void writersLockAndUnlockFilesWithGitLfs() throws Exception {
        String repo = createRepo("locks", false);
        Path work = clone(repo, aliceWrite, "locks");
        GitCli.Result lock = git.run(work, "lfs", "lock", "model.bin");
        assertEquals(0, lock.exitCode(), lock.output());
        String listed = git.run(work, "lfs", "locks").ok().output();
        assertTrue(listed.contains("model.bin") && listed.contains(alice), listed);
        HttpResponse<String> again = post("/" + repo + ".git/info/lfs/locks", aliceWrite, "{\"path\":\"model.bin\"}");
        assertEquals(409, again.statusCode());
        assertEquals(403, post("/" + repo + ".git/info/lfs/locks", aliceRead, "{\"path\":\"other.bin\"}").statusCode(), "readers cannot lock");
        git.run(work, "lfs", "unlock", "model.bin").ok();
        assertFalse(git.run(work, "lfs", "locks").ok().output().contains("model.bin"));
    }

    @Test
    void eicarAndAMaliciousPickleStoredThroughLfsAreFoundUnsafe() throws Exception {
        String repo = createRepo("scanned-lfs", false);
        byte[] eicar = Samples.EICAR;
        byte[] pickle = Samples.OS_SYSTEM_PICKLE;
        upload(repo, aliceWrite, eicar);
        upload(repo, aliceWrite, pickle);
        HttpResponse<String> committed = commit(repo, aliceWrite, header("Add LFS files"),
                lfsFile("payload.bin", eicar), lfsFile("model.pkl", pickle));
        assertEquals(200, committed.statusCode(), committed.body());
        long deadline = System.currentTimeMillis() + 90_000;
        while (true) {
            JsonObject payload = treeEntry(repo, "payload.bin").getJsonObject("securityFileStatus");
            JsonObject model = treeEntry(repo, "model.pkl").getJsonObject("securityFileStatus");
            if (!payload.getString("status").equals("queued") && !model.getString("status").equals("queued")) {
                assertEquals("unsafe", payload.getString("status"), payload.toString());
                assertTrue(payload.getJsonObject("avScan").getJsonArray("virusNames").getString(0).startsWith("Hubguard.Eicar"), payload.toString());
                assertEquals("unsafe", model.getString("status"), model.toString());
                assertEquals("dangerous", model.getJsonObject("pickleImportScan").getString("highestSafetyLevel"));
                break;
            }
            assertTrue(System.currentTimeMillis() < deadline, "scans still pending: " + payload + " " + model);
            Thread.sleep(250);
        }
    }

    private static String lfsFile(String path, byte[] content) throws Exception {
        return "{\"key\":\"lfsFile\",\"value\":{\"path\":" + q(path) + ",\"algo\":\"sha256\",\"oid\":" + q(sha256(content))
                + ",\"size\":" + content.length + "}}";
    }

    private static List<String> uploadModes(String repo, String files, String userAgent) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url("/api/models/" + repo + "/preupload/main")))
                .header("Authorization", "Bearer " + aliceWrite).header("Content-Type", "application/json").header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofString(files)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return json(answer.body()).getJsonArray("files").getValuesAs(JsonObject.class).stream().map(f -> f.getString("uploadMode")).toList();
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static String createRepo(String name, boolean isPrivate) throws Exception {
        HttpResponse<String> created = org.hubguard.it.support.Json.send("POST", "/api/repos/create",
                "{\"name\":" + q(name) + ",\"private\":" + isPrivate + "}", Credential.token(aliceWrite));
        assertEquals(200, created.statusCode(), created.body());
        return json(created.body()).getString("name");
    }

    private static Path clone(String repo, String token, String prefix) throws Exception {
        Path dir = git.newDir(prefix);
        git.run(dir, "clone", GitCli.url("/" + repo, token), "work").ok();
        git.run(dir.resolve("work"), "lfs", "install", "--local").ok(); // the pre-push hook that uploads LFS objects
        return dir.resolve("work");
    }

    private static HttpResponse<String> batch(String repo, String token, String operation, String oid, long size) throws Exception {
        return post("/" + repo + ".git/info/lfs/objects/batch", token, "{\"operation\":" + q(operation)
                + ",\"transfers\":[\"basic\"],\"objects\":[{\"oid\":" + q(oid) + ",\"size\":" + size + "}],\"hash_algo\":\"sha256\"}");
    }

    private static String uploadHref(String repo, String oid, long size) throws Exception {
        HttpResponse<String> answer = batch(repo, aliceWrite, "upload", oid, size);
        assertEquals(200, answer.statusCode(), answer.body());
        return json(answer.body()).getJsonArray("objects").getJsonObject(0).getJsonObject("actions").getJsonObject("upload").getString("href");
    }

    /** Uploads as the Python client does: batch, then a PUT without credentials to the href, then verify. */
    private static void upload(String repo, String token, byte[] content) throws Exception {
        JsonObject object = json(batch(repo, token, "upload", sha256(content), content.length).body()).getJsonArray("objects").getJsonObject(0);
        JsonObject actions = object.getJsonObject("actions");
        assertEquals(200, put(actions.getJsonObject("upload").getString("href"), content).statusCode());
        HttpResponse<String> verified = HTTP.send(HttpRequest.newBuilder(URI.create(actions.getJsonObject("verify").getString("href")))
                .header("Content-Type", LFS_JSON).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"oid\":" + q(sha256(content)) + ",\"size\":" + content.length + "}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, verified.statusCode(), verified.body());
    }

    private static HttpResponse<String> put(String href, byte[] content) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(href)).PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", LFS_JSON)
                .header("Accept", LFS_JSON).POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<byte[]> get(String path, String token, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (range != null) {
            request.header("Range", range);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<String> commit(String repo, String token, String... lines) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url("/api/models/" + repo + "/commit/main")))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines) + "\n")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String header(String summary) {
        return "{\"key\":\"header\",\"value\":{\"summary\":" + q(summary) + "}}";
    }

    private static List<JsonObject> tree(String repo) throws Exception {
        HttpResponse<String> tree = org.hubguard.it.support.Json.send("GET", "/api/models/" + repo + "/tree/main?recursive=true", null,
                Credential.token(aliceRead));
        assertEquals(200, tree.statusCode(), tree.body());
        JsonArray entries = Json.createReader(new StringReader(tree.body())).readArray();
        return entries.getValuesAs(JsonObject.class);
    }

    private static JsonObject treeEntry(String repo, String path) throws Exception {
        return tree(repo).stream().filter(e -> e.getString("path").equals(path)).findFirst().orElseThrow();
    }

    static Path lfsDir() {
        return Path.of(System.getProperty("jboss.home"), "standalone", "data", "hubguard", "lfs");
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
