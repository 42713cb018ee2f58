package org.hubguard.it.orgs;

import static org.hubguard.it.support.Json.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.http.HttpResponse;
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

/** The HF-compatible repository and organization API: shapes, errors, and rules the matrix does not show. */
@ExtendWith(ArquillianExtension.class)
class OrganizationsAndReposApiIT extends TestServer {

    private static String alice;
    private static String bob;
    private static String org;
    private static Credential aliceSession;
    private static Credential aliceWrite;
    private static Credential bobWrite;

    @BeforeAll
    static void setUp() throws Exception {
        alice = Users.uniqueName("api-alice");
        bob = Users.uniqueName("api-bob");
        aliceSession = Credential.session(WebSession.signUpAndSignIn(alice).cookie());
        WebSession.signUpAndSignIn(bob);
        aliceWrite = Credential.token(Fixtures.insertToken(alice, "WRITE", List.of()));
        bobWrite = Credential.token(Fixtures.insertToken(bob, "WRITE", List.of()));
        org = Users.uniqueName("api-org");
        assertEquals(201, Json.send("POST", "/api/organizations/new", "{\"name\":" + q(org) + ",\"fullname\":\"API Org\"}", aliceSession).statusCode());
    }

    @Test
    void createReadListMoveAndDeleteInTheHubsShapes() throws Exception {
        HttpResponse<String> created = Json.send("POST", "/api/repos/create", "{\"name\":\"tiny-llm\",\"private\":true}", aliceWrite);
        assertEquals(200, created.statusCode(), created.body());
        JsonObject body = json(created);
        assertEquals(alice + "/tiny-llm", body.getString("name"));
        assertEquals(BASE_URL + "/" + alice + "/tiny-llm", body.getString("url"));

        JsonObject info = json(Json.send("GET", "/api/models/" + alice + "/tiny-llm", null, aliceWrite));
        assertEquals(alice + "/tiny-llm", info.getString("id"));
        assertEquals(alice, info.getString("author"));
        assertTrue(info.getBoolean("private"));
        assertEquals(".gitattributes", info.getJsonArray("siblings").getJsonObject(0).getString("rfilename"), "the initial commit");
        assertEquals(40, info.getString("sha").length());

        assertEquals(200, Json.send("POST", "/api/repos/create", "{\"name\":\"corpus\",\"type\":\"dataset\",\"organization\":" + q(org) + "}", aliceWrite).statusCode());
        assertEquals(org + "/corpus", json(Json.send("GET", "/api/datasets/" + org + "/corpus", null, Credential.NONE)).getString("id"));

        // Lists show only what the caller may see.
        assertEquals(1, jsonArray(Json.send("GET", "/api/models?author=" + alice, null, aliceWrite)).size());
        assertEquals(0, jsonArray(Json.send("GET", "/api/models?author=" + alice, null, Credential.NONE)).size());

        // Move into the organization, where alice is admin.
        HttpResponse<String> moved = Json.send("POST", "/api/repos/move", "{\"fromRepo\":" + q(alice + "/tiny-llm") + ",\"toRepo\":" + q(org + "/tiny-llm") + "}", aliceWrite);
        assertEquals(200, moved.statusCode(), moved.body());
        HttpResponse<String> oldName = Json.send("GET", "/api/models/" + alice + "/tiny-llm", null, aliceWrite);
        assertEquals(307, oldName.statusCode(), "the old name leads to the new one, as on the Hub");
        assertEquals("/api/models/" + org + "/tiny-llm", oldName.headers().firstValue("Location").orElse(null));
        assertEquals(200, Json.send("GET", "/api/models/" + org + "/tiny-llm", null, aliceWrite).statusCode());

        String id = json(Json.send("GET", "/api/models/" + org + "/tiny-llm", null, aliceWrite)).getString("_id");
        java.nio.file.Path gitDir = java.nio.file.Path.of(System.getProperty("jboss.home"), "standalone", "data", "hubguard", "git", id + ".git");
        assertTrue(java.nio.file.Files.isDirectory(gitDir), "the git repository moved with its row (named by id)");
        assertEquals(200, Json.send("DELETE", "/api/repos/delete", "{\"name\":\"tiny-llm\",\"organization\":" + q(org) + "}", aliceWrite).statusCode());
        assertTrue(!java.nio.file.Files.exists(gitDir), "deleting the repository removes its git directory");
        HttpResponse<String> gone = Json.send("GET", "/api/models/" + org + "/tiny-llm", null, aliceWrite);
        assertEquals(404, gone.statusCode());
        assertEquals("RepoNotFound", gone.headers().firstValue("X-Error-Code").orElse(""));
    }

    @Test
    void badInputGetsAClear4xxAndLeavesNothingBehind() throws Exception {
        assertError(400, "must be a string", Json.send("POST", "/api/repos/create", "{\"name\":42}", aliceWrite));
        assertError(400, "'name' is required", Json.send("POST", "/api/repos/create", "{}", aliceWrite));
        assertError(400, "only letters, digits", Json.send("POST", "/api/repos/create", "{\"name\":\"bad name\"}", aliceWrite));
        assertError(400, "'type' must be 'model' or 'dataset'", Json.send("POST", "/api/repos/create", "{\"name\":\"x1\",\"type\":\"space\"}", aliceWrite));
        assertError(400, "not valid JSON", Json.send("POST", "/api/repos/create", "{not json", aliceWrite));
        assertError(400, "namespace/name", Json.send("POST", "/api/repos/move", "{\"fromRepo\":\"nonsense\",\"toRepo\":\"a/b\"}", aliceWrite));
        assertEquals(0, jsonArray(Json.send("GET", "/api/models?author=" + alice, null, aliceWrite)).stream()
                .filter(r -> r.asJsonObject().getString("id").endsWith("/x1")).count());

        assertEquals(200, Json.send("POST", "/api/repos/create", "{\"name\":\"twice\"}", aliceWrite).statusCode());
        assertError(409, "already created", Json.send("POST", "/api/repos/create", "{\"name\":\"TWICE\"}", aliceWrite));
        assertError(404, "no user or organization", Json.send("POST", "/api/repos/create", "{\"name\":\"x\",\"organization\":\"no-such-namespace-zz\"}", aliceWrite));
        assertError(409, "already taken", Json.send("POST", "/api/organizations/new", "{\"name\":" + q(alice.toUpperCase()) + "}", aliceSession));
        assertError(400, "'role' must be one of", Json.send("POST", "/api/organizations/" + org + "/members", "{\"username\":" + q(bob) + ",\"role\":\"owner\"}", aliceWrite));
        assertError(400, "There is no user", Json.send("POST", "/api/organizations/" + org + "/members", "{\"username\":\"nobody-zz-1\",\"role\":\"read\"}", aliceWrite));
        assertError(404, "Not found", Json.send("GET", "/api/no-such-endpoint", null, aliceWrite));
    }

    @Test
    void aRemovedMemberLosesAccessOnTheNextRequestAndTheLastAdminStays() throws Exception {
        assertEquals(200, Json.send("POST", "/api/repos/create", "{\"name\":\"secret-model\",\"organization\":" + q(org) + ",\"private\":true}", aliceWrite).statusCode());
        assertEquals(201, Json.send("POST", "/api/organizations/" + org + "/members", "{\"username\":" + q(bob) + ",\"role\":\"read\"}", aliceWrite).statusCode());
        assertEquals(200, Json.send("GET", "/api/models/" + org + "/secret-model", null, bobWrite).statusCode());
        JsonObject whoami = json(Json.send("GET", "/api/whoami-v2", null, bobWrite));
        assertTrue(whoami.getJsonArray("orgs").stream().anyMatch(o -> o.asJsonObject().getString("name").equals(org)
                && o.asJsonObject().getString("roleInOrg").equals("read")), whoami.toString());

        assertEquals(200, Json.send("DELETE", "/api/organizations/" + org + "/members/" + bob, null, aliceWrite).statusCode());
        assertEquals(404, Json.send("GET", "/api/models/" + org + "/secret-model", null, bobWrite).statusCode());

        assertError(409, "at least one admin", Json.send("PUT", "/api/organizations/" + org + "/members/" + alice, "{\"role\":\"write\"}", aliceWrite));
        assertError(409, "at least one admin", Json.send("DELETE", "/api/organizations/" + org + "/members/" + alice, null, aliceWrite));
    }

    @Test
    void theOrganizationTokenReadsTheOrganizationsRepositoriesAndNothingElse() throws Exception {
        assertEquals(200, Json.send("POST", "/api/repos/create", "{\"name\":\"org-private\",\"organization\":" + q(org) + ",\"private\":true}", aliceWrite).statusCode());
        HttpResponse<String> refreshed = Json.send("POST", "/api/organizations/" + org + "/token", null, aliceWrite);
        assertEquals(200, refreshed.statusCode());
        assertEquals("no-store", refreshed.headers().firstValue("Cache-Control").orElse(""));
        Credential orgToken = Credential.token(json(refreshed).getString("token"));

        assertEquals(200, Json.send("GET", "/api/models/" + org + "/org-private", null, orgToken).statusCode());
        JsonObject whoami = json(Json.send("GET", "/api/whoami-v2", null, orgToken));
        assertEquals("org", whoami.getString("type"));
        assertEquals(org, whoami.getString("name"));
        assertError(403, "only read the organization", Json.send("POST", "/api/repos/create", "{\"name\":\"nope\",\"organization\":" + q(org) + "}", orgToken));

        assertEquals(200, Json.send("POST", "/api/organizations/" + org + "/token", null, aliceWrite).statusCode());
        assertEquals(401, Json.send("GET", "/api/models/" + org + "/org-private", null, orgToken).statusCode(), "refreshing stops the old org token");
    }

    @Test
    void aReadTokenIsToldItNeedsWrite() throws Exception {
        Credential aliceRead = Credential.token(Fixtures.insertToken(alice, "READ", List.of()));
        assertError(403, "This token has the read role; a write token is needed", Json.send("POST", "/api/repos/create", "{\"name\":\"ro\"}", aliceRead));
    }

    private static void assertError(int status, String message, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), response.headers().toString());
        String error = json(response).getString("error");
        assertTrue(error.contains(message), "expected '" + message + "' in: " + error);
    }

    private static JsonObject json(HttpResponse<String> response) {
        return jakarta.json.Json.createReader(new StringReader(response.body())).readObject();
    }

    private static JsonArray jsonArray(HttpResponse<String> response) {
        return jakarta.json.Json.createReader(new StringReader(response.body())).readArray();
    }
}
