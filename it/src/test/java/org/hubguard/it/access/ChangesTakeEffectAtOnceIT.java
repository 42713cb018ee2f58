package org.hubguard.it.access;

import static org.hubguard.it.support.Json.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.hubguard.it.support.Fixtures;
import org.hubguard.it.support.Json;
import org.hubguard.it.support.Json.Credential;
import org.hubguard.it.support.Samples;
import org.hubguard.it.support.TestServer;
import org.hubguard.it.support.Users;
import org.hubguard.it.support.WebSession;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Downloads read repositories by name, scan verdicts and git trees from memory (issue 16); every change must
 * still apply to the very next request. Each test first downloads (filling what is kept), then changes, then
 * downloads again.
 */
@ExtendWith(ArquillianExtension.class)
class ChangesTakeEffectAtOnceIT extends TestServer {

    private static String owner;
    private static Credential ownerToken;
    private static Credential strangerToken;

    @BeforeAll
    static void setUp() throws Exception {
        owner = Users.uniqueName("fresh");
        WebSession.signUpAndSignIn(owner);
        ownerToken = Credential.token(Fixtures.insertToken(owner, "WRITE", List.of()));
        String stranger = Users.uniqueName("stranger");
        WebSession.signUpAndSignIn(stranger);
        strangerToken = Credential.token(Fixtures.insertToken(stranger, "READ", List.of()));
    }

    @Test
    void makingARepositoryPrivateRefusesTheNextDownload() throws Exception {
        create("flip");
        commit("flip", Map.of("a.txt", "public for now\n".getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i < 3; i++) {
            assertEquals(200, download("flip", "main", "a.txt", Credential.NONE).statusCode());
        }
        settings("flip", "{\"private\":true}");
        assertEquals(401, download("flip", "main", "a.txt", Credential.NONE).statusCode(), "anonymous, right after");
        assertEquals(404, download("flip", "main", "a.txt", strangerToken).statusCode(), "another user, right after");
        assertEquals(200, download("flip", "main", "a.txt", ownerToken).statusCode());
        settings("flip", "{\"private\":false}");
        assertEquals(200, download("flip", "main", "a.txt", Credential.NONE).statusCode());
    }

    @Test
    void aDeletedRepositoryIsGoneAndItsNameServesTheNewOne() throws Exception {
        create("again");
        commit("again", Map.of("a.txt", "first\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("first\n", download("again", "main", "a.txt", ownerToken).body());
        assertEquals(200, Json.send("DELETE", "/api/repos/delete", "{\"name\":\"again\"}", ownerToken).statusCode());
        assertEquals(404, download("again", "main", "a.txt", ownerToken).statusCode());
        create("again");
        commit("again", Map.of("a.txt", "second\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("second\n", download("again", "main", "a.txt", ownerToken).body());
    }

    @Test
    void aNewCommitIsServedAtOnceAndTheOldOneStaysByItsId() throws Exception {
        create("moving");
        commit("moving", Map.of("dir/a.txt", "one\n".getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> first = download("moving", "main", "dir/a.txt", ownerToken);
        assertEquals("one\n", first.body());
        String firstCommit = first.headers().firstValue("X-Repo-Commit").orElseThrow();
        commit("moving", Map.of("dir/a.txt", "two\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("two\n", download("moving", "main", "dir/a.txt", ownerToken).body());
        assertEquals("two\n", download("moving", "refs%2Fheads%2Fmain", "dir/a.txt", ownerToken).body());
        assertEquals("one\n", download("moving", firstCommit, "dir/a.txt", ownerToken).body());
        assertEquals(404, download("moving", "main", "dir", ownerToken).statusCode(), "a directory is no file");
        assertEquals(404, download("moving", "main", "dir/a.txt/b", ownerToken).statusCode());
    }

    @Test
    void aFileIsRefusedAsSoonAsItsScanFindsItUnsafe() throws Exception {
        create("late");
        commit("late", Map.of("eicar.com", Samples.EICAR));
        long deadline = System.currentTimeMillis() + 90_000;
        HttpResponse<String> answer = download("late", "main", "eicar.com", ownerToken);
        while (answer.statusCode() == 200 && System.currentTimeMillis() < deadline) {
            assertEquals("queued", answer.headers().firstValue("X-Scan-Status").orElse(""), "served only while not yet scanned");
            Thread.sleep(100);
            answer = download("late", "main", "eicar.com", ownerToken);
        }
        assertEquals(403, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("Hubguard.Eicar"), answer.body());
    }

    private static void create(String name) throws Exception {
        HttpResponse<String> created = Json.send("POST", "/api/repos/create", "{\"name\":" + q(name) + "}", ownerToken);
        assertEquals(200, created.statusCode(), created.body());
    }

    private static void settings(String repo, String body) throws Exception {
        HttpResponse<String> changed = Json.send("PUT", "/api/models/" + owner + "/" + repo + "/settings", body, ownerToken);
        assertEquals(200, changed.statusCode(), changed.body());
    }

    private static void commit(String repo, Map<String, byte[]> files) throws Exception {
        StringBuilder ndjson = new StringBuilder("{\"key\":\"header\",\"value\":{\"summary\":\"files\"}}");
        files.forEach((path, content) -> ndjson.append("\n{\"key\":\"file\",\"value\":{\"path\":").append(q(path))
                .append(",\"content\":").append(q(Base64.getEncoder().encodeToString(content))).append(",\"encoding\":\"base64\"}}"));
        HttpResponse<String> response = Json.send("POST", "/api/models/" + owner + "/" + repo + "/commit/main", ndjson.toString(), ownerToken);
        assertEquals(200, response.statusCode(), response.body());
    }

    private static HttpResponse<String> download(String repo, String revision, String path, Credential credential) throws Exception {
        return Json.send("GET", "/" + owner + "/" + repo + "/resolve/" + revision + "/" + path, null, credential);
    }
}
