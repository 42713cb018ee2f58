package org.hubguard.it.git;

import static org.hubguard.it.support.Json.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.hubguard.it.support.Fixtures;
import org.hubguard.it.support.Json;
import org.hubguard.it.support.Json.Credential;
import org.hubguard.it.support.TestServer;
import org.hubguard.it.support.Users;
import org.hubguard.it.support.WebSession;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Hub's preupload and NDJSON commit API: what it writes, and what it refuses with a clear 4xx. */
@ExtendWith(ArquillianExtension.class)
class CommitApiIT extends TestServer {

    private static String user;
    private static String write;
    private static String read;
    private static String repo;

    @BeforeAll
    static void setUp() throws Exception {
        user = Users.uniqueName("commit");
        WebSession.signUpAndSignIn(user);
        write = Fixtures.insertToken(user, "WRITE", List.of());
        read = Fixtures.insertToken(user, "READ", List.of());
        HttpResponse<String> created = Json.send("POST", "/api/repos/create", "{\"name\":\"edits\"}", Credential.token(write));
        assertEquals(200, created.statusCode(), created.body());
        repo = user + "/edits";
    }

    private static String file(String path, String content) {
        return "{\"key\":\"file\",\"value\":{\"path\":" + q(path) + ",\"content\":" + q(Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)))
                + ",\"encoding\":\"base64\"}}";
    }

    private static String header(String summary, String parent) {
        return "{\"key\":\"header\",\"value\":{\"summary\":" + q(summary) + (parent == null ? "" : ",\"parentCommit\":" + q(parent)) + "}}";
    }

    private static HttpResponse<String> commit(String token, String... lines) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url("/api/models/" + repo + "/commit/main")))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines))).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void commitsAddReplaceAndDeleteFilesAuthoredByTheUser() throws Exception {
        String head = json(Json.send("GET", "/api/models/" + repo, null, Credential.token(read)).body()).getString("sha");
        HttpResponse<String> first = commit(write, header("Add docs", head), file("docs/a.md", "A\n"), file("docs/b.md", "B\n"), file("notes.txt", "n\n"));
        assertEquals(200, first.statusCode(), first.body());
        String oid = json(first.body()).getString("commitOid");
        assertEquals(BASE_URL + "/" + repo + "/commit/" + oid, json(first.body()).getString("commitUrl"));

        HttpResponse<String> second = commit(write, header("Tidy up", oid), file("notes.txt", "changed\n"),
                "{\"key\":\"deletedFolder\",\"value\":{\"path\":\"docs/\"}}");
        assertEquals(200, second.statusCode(), second.body());
        JsonArray tree = jsonArray(Json.send("GET", "/api/models/" + repo + "/tree/main?recursive=true", null, Credential.token(read)).body());
        assertEquals(List.of(".gitattributes", "notes.txt"), tree.stream().map(e -> e.asJsonObject().getString("path")).toList());
        JsonArray history = jsonArray(Json.send("GET", "/api/models/" + repo + "/commits/main", null, Credential.token(read)).body());
        assertEquals("Tidy up", history.getJsonObject(0).getString("title"));
        assertEquals(user, history.getJsonObject(0).getJsonArray("authors").getJsonObject(0).getString("user"));
    }

    @Test
    void refusesStaleParentsBadPathsLfsAndReadTokensWithoutChangingTheBranch() throws Exception {
        String head = json(Json.send("GET", "/api/models/" + repo, null, Credential.token(read)).body()).getString("sha");
        assertError(409, "has moved on", commit(write, header("Stale", "0000000000000000000000000000000000000000"), file("x.txt", "x")));
        assertError(400, "'..'", commit(write, header("Escape", null), file("../outside.txt", "x")));
        assertError(400, "must be relative", commit(write, header("Absolute", null), file("/etc/passwd", "x")));
        assertError(400, "inside '.git'", commit(write, header("Hooks", null), file(".git/hooks/post-receive", "x")));
        assertError(400, "needs a summary", commit(write, header("", null), file("x.txt", "x")));
        assertError(400, "needs a header", commit(write, file("x.txt", "x")));
        assertError(400, "not valid base64", commit(write, header("Bad", null), "{\"key\":\"file\",\"value\":{\"path\":\"x.txt\",\"content\":\"***\",\"encoding\":\"base64\"}}"));
        assertError(400, "64 lower-case hex", commit(write, header("Large", null), "{\"key\":\"lfsFile\",\"value\":{\"path\":\"big.bin\",\"algo\":\"sha256\",\"oid\":\"abc\",\"size\":1}}"));
        assertError(404, "no file 'missing.txt'", commit(write, header("Delete", null), "{\"key\":\"deletedFile\",\"value\":{\"path\":\"missing.txt\"}}"));
        assertError(403, "read role", commit(read, header("Read only", null), file("x.txt", "x")));
        assertError(400, "not a JSON object", commit(write, header("Broken", null), "{oops"));
        assertEquals(head, json(Json.send("GET", "/api/models/" + repo, null, Credential.token(read)).body()).getString("sha"), "nothing was committed");

        HttpResponse<String> preupload = Json.send("POST", "/api/models/" + repo + "/preupload/main",
                "{\"files\":[{\"path\":\"huge.bin\",\"size\":60000000000,\"sample\":\"\"}]}", Credential.token(write));
        assertError(400, "file huge.bin is 57220.5 MiB; the limit for a large file is 51200.0 MiB", preupload);
        HttpResponse<String> fine = Json.send("POST", "/api/models/" + repo + "/preupload/main",
                "{\"files\":[{\"path\":\"notes.md\",\"size\":10},{\"path\":\"big.dat\",\"size\":20000000}]}", Credential.token(write));
        assertEquals(200, fine.statusCode(), fine.body());
        assertEquals("regular", json(fine.body()).getJsonArray("files").getJsonObject(0).getString("uploadMode"));
        assertEquals("lfs", json(fine.body()).getJsonArray("files").getJsonObject(1).getString("uploadMode"), "over git's limit: LFS");
    }

    private static void assertError(int status, String message, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        String error = json(response.body()).getString("error");
        assertTrue(error.contains(message), "expected '" + message + "' in: " + error);
    }

    private static JsonObject json(String body) {
        return jakarta.json.Json.createReader(new StringReader(body)).readObject();
    }

    private static JsonArray jsonArray(String body) {
        return jakarta.json.Json.createReader(new StringReader(body)).readArray();
    }
}
