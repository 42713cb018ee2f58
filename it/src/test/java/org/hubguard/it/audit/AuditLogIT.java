package org.hubguard.it.audit;

import static org.hubguard.it.support.Json.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.hubguard.it.support.Api;
import org.hubguard.it.support.Fixtures;
import org.hubguard.it.support.GitCli;
import org.hubguard.it.support.Gpg;
import org.hubguard.it.support.Json;
import org.hubguard.it.support.Json.Credential;
import org.hubguard.it.support.Samples;
import org.hubguard.it.support.TestServer;
import org.hubguard.it.support.Users;
import org.hubguard.it.support.WebSession;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every security event lands in the audit log with who, how, from where, on what and how it ended, right after its
 * action; site administrators read all of it, an organization's admins only their organization's, others nothing;
 * and no secret is ever in it.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditLogIT extends TestServer {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** Every secret this test handles: none may appear in the log. */
    private static final Set<String> SECRETS = new HashSet<>();

    private static GitCli git;
    private static WebSession admin;
    private static String alice;
    private static WebSession aliceWeb;
    private static String aliceWrite;
    private static String bob;
    private static String bobWrite;
    private static String org;

    @BeforeAll
    static void setUp() throws Exception {
        git = new GitCli();
        admin = new WebSession();
        admin.signIn("admin", ADMIN_PASSWORD);
        alice = Users.uniqueName("audit-alice");
        aliceWeb = WebSession.signUpAndSignIn(alice);
        aliceWrite = secret(Fixtures.insertToken(alice, "WRITE", List.of()));
        bob = Users.uniqueName("audit-bob");
        WebSession.signUpAndSignIn(bob);
        bobWrite = secret(Fixtures.insertToken(bob, "WRITE", List.of()));
        org = Users.uniqueName("audit-org");
        assertEquals(201, Json.send("POST", "/api/organizations/new", "{\"name\":" + q(org) + "}", Credential.session(aliceWeb.cookie())).statusCode());
        SECRETS.add(Users.PASSWORD);
        SECRETS.add(ADMIN_PASSWORD);
    }

    private static String secret(String value) {
        SECRETS.add(value);
        return value;
    }

    /** The events matching {@code query}, as a site administrator reads them. */
    private static JsonArray events(String query) throws Exception {
        HttpResponse<String> answer = admin.get("/api/audit-log?" + query);
        assertEquals(200, answer.statusCode(), answer.body());
        return array(answer.body());
    }

    private static JsonArray array(String body) {
        return jakarta.json.Json.createReader(new StringReader(body)).readArray();
    }

    /** The newest event named {@code event} about {@code target}, which must exist. */
    private static JsonObject latest(String event, String target) throws Exception {
        JsonArray found = events("event=" + event + "&target=" + java.net.URLEncoder.encode(target, "UTF-8"));
        assertFalse(found.isEmpty(), "no " + event + " about " + target);
        return found.getJsonObject(0);
    }

    private static void assertEvent(JsonObject event, String actor, String credential, String outcome, String detail) {
        assertEquals(actor, event.isNull("actor") ? null : event.getString("actor"), event.toString());
        assertEquals(credential, event.isNull("credential") ? null : event.getString("credential"), event.toString());
        assertEquals(outcome, event.getString("outcome"), event.toString());
        if (detail != null) {
            assertEquals(detail, event.getString("detail"), event.toString());
        }
        assertFalse(event.getString("time").isEmpty());
    }

    private static void assertFromHere(JsonObject event) {
        assertEquals("127.0.0.1", event.getString("address"), event.toString());
    }

    @Test
    void signInsFailuresAndLockouts() throws Exception {
        JsonObject signedIn = latest("user.login", alice);
        assertEvent(signedIn, alice, "password", "success", null);
        assertFromHere(signedIn);

        WebSession stranger = new WebSession();
        stranger.submit("/login", "login", Map.of("login:login", alice, "login:password", "wrong-password-1"));
        assertEvent(latest("user.login", alice), alice, "password", "failure", "wrong password");

        String carol = Users.uniqueName("audit-carol");
        WebSession.signUpAndSignIn(carol);
        for (int i = 0; i < 5; i++) {
            stranger.submit("/login", "login", Map.of("login:login", carol, "login:password", "wrong-password-" + i));
        }
        JsonObject lockout = latest("user.lockout", carol);
        assertEvent(lockout, carol, "password", "success", null);
        assertTrue(lockout.getString("detail").startsWith("too many wrong passwords"));
        stranger.submit("/login", "login", Map.of("login:login", carol, "login:password", Users.PASSWORD));
        assertEquals("refused", latest("user.login", carol).getString("outcome"), "signing in while locked out is refused");

        String unknown = "nobody-" + Users.uniqueName("x");
        stranger.submit("/login", "login", Map.of("login:login", unknown, "login:password", "hunter2-typed-by-mistake"));
        SECRETS.add("hunter2-typed-by-mistake");
        assertTrue(events("event=user.login&actor=" + unknown).isEmpty(), "what was typed as a login is not recorded");
    }

    @Test
    void tokensCreatedRefreshedAndDeleted() throws Exception {
        String dana = Users.uniqueName("audit-dana");
        WebSession danaWeb = WebSession.signUpAndSignIn(dana);
        secret(danaWeb.newToken("ci-token", "write"));
        String target = "token 'ci-token' of " + dana;
        JsonObject created = latest("token.create", target);
        assertEvent(created, dana, "web session", "success", "write");
        assertFromHere(created);

        HttpResponse<String> refreshed = danaWeb.click("/settings/tokens", "list", "list:tokens:0:refresh");
        Matcher secret = Pattern.compile("id=\"new-token\"[^>]*value=\"(hf_[A-Za-z0-9]+)\"").matcher(refreshed.body());
        assertTrue(secret.find(), "the refreshed secret is shown");
        secret(secret.group(1));
        assertEvent(latest("token.refresh", target), dana, "web session", "success", null);

        danaWeb.click("/settings/tokens", "list", "list:tokens:0:delete");
        assertEvent(latest("token.delete", target), dana, "web session", "success", null);
    }

    @Test
    void organizationMembersAndTheOrganizationToken() throws Exception {
        Credential aliceToken = Credential.token(aliceWrite);
        String tokenCredential = "token '" + fixtureName(aliceWrite) + "' (write)";
        assertEquals(201, Json.send("POST", "/api/organizations/" + org + "/members", "{\"username\":" + q(bob) + ",\"role\":\"read\"}", aliceToken).statusCode());
        JsonObject added = latest("org.add_member", bob);
        assertEvent(added, alice, tokenCredential, "success", "role read");
        assertEquals(org, added.getString("organization"));

        assertEquals(200, Json.send("PUT", "/api/organizations/" + org + "/members/" + bob, "{\"role\":\"write\"}", aliceToken).statusCode());
        assertEvent(latest("org.update_member", bob), alice, tokenCredential, "success", "role read -> write");

        HttpResponse<String> orgToken = Json.send("POST", "/api/organizations/" + org + "/token", null, aliceToken);
        assertEquals(200, orgToken.statusCode(), orgToken.body());
        secret(Api.json(orgToken).getString("token"));
        assertEvent(latest("org.token_refresh", "organization token of " + org), alice, tokenCredential, "success", null);

        assertEquals(200, Json.send("PUT", "/api/organizations/" + org + "/settings", "{\"requireSignedCommits\":true}", aliceToken).statusCode());
        assertEquals(200, Json.send("PUT", "/api/organizations/" + org + "/settings", "{\"requireSignedCommits\":false}", aliceToken).statusCode());
        assertEvent(latest("org.update_settings", org), alice, tokenCredential, "success", "requireSignedCommits=false");

        String erin = Users.uniqueName("audit-erin");
        WebSession.signUpAndSignIn(erin);
        Json.send("POST", "/api/organizations/" + org + "/members", "{\"username\":" + q(erin) + ",\"role\":\"read\"}", aliceToken);
        assertEquals(200, Json.send("DELETE", "/api/organizations/" + org + "/members/" + erin, null, aliceToken).statusCode());
        assertEvent(latest("org.remove_member", erin), alice, tokenCredential, "success", "was read");
    }

    @Test
    void repositoriesCreatedMovedMadePrivateWeakenedAndDeleted() throws Exception {
        Credential aliceToken = Credential.token(aliceWrite);
        String tokenCredential = "token '" + fixtureName(aliceWrite) + "' (write)";
        assertEquals(200, Json.send("POST", "/api/repos/create", "{\"name\":\"ledger\",\"organization\":" + q(org) + "}", aliceToken).statusCode());
        JsonObject created = latest("repo.create", org + "/ledger");
        assertEvent(created, alice, tokenCredential, "success", "public");
        assertEquals(org, created.getString("organization"));
        assertFromHere(created);

        String settings = "/api/models/" + org + "/ledger/settings";
        assertEquals(200, Json.send("PUT", settings, "{\"private\":true}", aliceToken).statusCode());
        assertEvent(latest("repo.update_visibility", org + "/ledger"), alice, tokenCredential, "success", "private");
        assertEquals(200, Json.send("PUT", settings, "{\"requireSignedCommits\":true}", aliceToken).statusCode());
        assertEquals(200, Json.send("PUT", settings, "{\"requireSignedCommits\":false}", aliceToken).statusCode());
        assertEquals(200, Json.send("PUT", settings, "{\"allowSecrets\":true}", aliceToken).statusCode());
        assertEquals(200, Json.send("PUT", settings, "{\"blockUnsafeDownloads\":false}", aliceToken).statusCode());
        List<String> weakened = new ArrayList<>();
        for (JsonValue event : events("event=repo.update_settings&target=" + org + "/ledger")) {
            weakened.add(event.asJsonObject().getString("detail"));
        }
        assertEquals(List.of("blockUnsafeDownloads=false", "allowSecrets=true", "requireSignedCommits=false"), weakened);

        assertEquals(200, Json.send("POST", "/api/repos/move", "{\"fromRepo\":" + q(org + "/ledger") + ",\"toRepo\":" + q(org + "/journal") + "}", aliceToken).statusCode());
        assertEvent(latest("repo.move", org + "/journal"), alice, tokenCredential, "success", "from " + org + "/ledger");

        assertEquals(200, Json.send("DELETE", "/api/repos/delete", "{\"name\":\"journal\",\"organization\":" + q(org) + "}", aliceToken).statusCode());
        assertEvent(latest("repo.delete", org + "/journal"), alice, tokenCredential, "success", null);
    }

    @Test
    void gpgKeysAddedAndRemoved() throws Exception {
        try (Connection db = database(); PreparedStatement verify = db.prepareStatement("update users set email_verified = true where email = ?")) {
            verify.setString(1, Users.emailOf(alice));
            assertEquals(1, verify.executeUpdate());
        }
        try (Gpg gpg = new Gpg()) {
            String fingerprint = gpg.newKey("Alice", Users.emailOf(alice));
            assertEquals(302, aliceWeb.submit("/settings/gpg-keys", "keys", Map.of("keys:armored", gpg.export(fingerprint))).statusCode());
            JsonObject added = latest("gpg_key.add", fingerprint);
            assertEvent(added, alice, "web session", "success", null);
            assertEquals("key " + fingerprint, added.getString("target"));
            aliceWeb.click("/settings/gpg-keys", "list", "list:keys:0:delete");
            assertEvent(latest("gpg_key.delete", fingerprint), alice, "web session", "success", null);
        }
    }

    @Test
    void refusedPushesAndUnsafeFiles() throws Exception {
        Credential aliceToken = Credential.token(aliceWrite);
        assertEquals(200, Json.send("POST", "/api/repos/create", "{\"name\":\"guarded\"}", aliceToken).statusCode());
        Path dir = git.newDir("audit");
        git.run(dir, "clone", GitCli.url("/" + alice + "/guarded", aliceWrite), "work").ok();
        Path work = dir.resolve("work");
        git.run(work, "commit", "-q", "--amend", "-m", "rewritten").ok();
        assertNotEquals(0, git.run(work, "push", "-f", "origin", "main").exitCode());
        JsonObject refused = latest("repo.push_refused", alice + "/guarded");
        assertEvent(refused, alice, "token '" + fixtureName(aliceWrite) + "' (write)", "refused",
                "main: main is protected: its history cannot be rewritten (no force pushes)");
        assertFromHere(refused);

        String leaked = secret(aliceWeb.newToken("leaks-into-git", "read"));
        git.run(work, "reset", "-q", "--hard", "origin/main").ok();
        Files.writeString(work.resolve("token.txt"), leaked + "\n");
        git.run(work, "add", ".").ok();
        git.run(work, "commit", "-q", "-m", "oops").ok();
        assertNotEquals(0, git.run(work, "push", "origin", "main").exitCode());
        assertEvent(latest("token.revoke_by_scan", "leaks-into-git"), alice, "token '" + fixtureName(aliceWrite) + "' (write)", "success",
                "found in a change to " + alice + "/guarded, token.txt line 1");

        String body = "{\"key\":\"header\",\"value\":{\"summary\":\"test file\"}}\n{\"key\":\"file\",\"value\":{\"path\":\"eicar.com\",\"encoding\":\"base64\",\"content\":\""
                + Base64.getEncoder().encodeToString(Samples.EICAR) + "\"}}\n";
        HttpResponse<String> committed = HTTP.send(HttpRequest.newBuilder(URI.create(url("/api/models/" + alice + "/guarded/commit/main")))
                .header("Authorization", "Bearer " + aliceWrite).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, committed.statusCode(), committed.body());
        long deadline = System.currentTimeMillis() + 120_000;
        JsonArray unsafe = events("event=repo.unsafe_file_found&target=" + alice + "/guarded");
        while (unsafe.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(1000);
            unsafe = events("event=repo.unsafe_file_found&target=" + alice + "/guarded");
        }
        assertFalse(unsafe.isEmpty(), "the scan's finding is in the log");
        JsonObject finding = unsafe.getJsonObject(0);
        assertEvent(finding, null, null, "success", null);
        assertTrue(finding.getString("detail").startsWith("eicar.com (clamav: "), finding.toString());

        // Somebody without write access is refused before a byte is sent, and that is recorded too.
        Path bobDir = git.newDir("audit-bob");
        git.run(bobDir, "clone", GitCli.url("/" + alice + "/guarded", bobWrite), "work").ok();
        Path bobWork = bobDir.resolve("work");
        Files.writeString(bobWork.resolve("bob.txt"), "hello\n");
        git.run(bobWork, "add", ".").ok();
        git.run(bobWork, "commit", "-q", "-m", "bob was here").ok();
        assertNotEquals(0, git.run(bobWork, "push", "origin", "main").exitCode());
        assertEvent(latest("repo.push_refused", alice + "/guarded"), bob, "token '" + fixtureName(bobWrite) + "' (write)", "refused",
                "You may not push to this repository.");
    }

    @Test
    void organizationAdminsSeeOnlyTheirOrganizationAndOthersNothing() throws Exception {
        String bobOrg = Users.uniqueName("audit-bob-org");
        WebSession bobWeb = new WebSession();
        bobWeb.signIn(bob, Users.PASSWORD);
        assertEquals(201, Json.send("POST", "/api/organizations/new", "{\"name\":" + q(bobOrg) + "}", Credential.session(bobWeb.cookie())).statusCode());
        Credential bobToken = Credential.token(bobWrite);
        assertEquals(200, Json.send("POST", "/api/repos/create", "{\"name\":\"own\",\"organization\":" + q(bobOrg) + "}", bobToken).statusCode());

        HttpResponse<String> own = Json.send("GET", "/api/audit-log?limit=1000", null, bobToken);
        assertEquals(200, own.statusCode(), own.body());
        JsonArray seen = array(own.body());
        assertFalse(seen.isEmpty());
        for (JsonValue event : seen) {
            assertEquals(bobOrg, event.asJsonObject().getString("organization"), event.toString());
        }
        assertEquals(403, Json.send("GET", "/api/audit-log?org=" + org, null, bobToken).statusCode(), "bob is no admin of alice's org");

        String frank = Users.uniqueName("audit-frank");
        WebSession.signUpAndSignIn(frank);
        String frankWrite = secret(Fixtures.insertToken(frank, "WRITE", List.of()));
        assertEquals(403, Json.send("GET", "/api/audit-log", null, Credential.token(frankWrite)).statusCode());
        assertEquals(401, Json.send("GET", "/api/audit-log", null, Credential.NONE).statusCode());
        assertEquals(403, Json.send("GET", "/api/audit-log/export", null, Credential.token(frankWrite)).statusCode());
        WebSession frankWeb = new WebSession();
        frankWeb.signIn(frank, Users.PASSWORD);
        assertEquals(403, frankWeb.get("/-/admin/audit-log").statusCode(), "the admin page is for site administrators");
        HttpResponse<String> page = admin.get("/-/admin/audit-log?actor=" + bob);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("repo.create") && page.body().contains(bobOrg + "/own"), "the admin page lists bob's events");
    }

    @Test
    @Order(Integer.MAX_VALUE) // after every other test, so their secrets are all checked
    void pagesFollowTheLinkHeaderAndNothingInTheLogIsASecret() throws Exception {
        HttpResponse<String> first = admin.get("/api/audit-log?limit=3");
        assertEquals(200, first.statusCode());
        String link = first.headers().firstValue("Link").orElseThrow();
        assertTrue(link.endsWith(">; rel=\"next\""), link);
        String next = link.substring(1, link.indexOf('>'));
        HttpResponse<String> second = admin.get(next.substring(next.indexOf("/api/")));
        JsonArray firstPage = array(first.body());
        JsonArray secondPage = array(second.body());
        assertEquals(3, firstPage.size());
        assertTrue(secondPage.getJsonObject(0).getJsonNumber("id").longValue() < firstPage.getJsonObject(2).getJsonNumber("id").longValue());

        // Every test's secrets so far, and a report of one more: none is in any event.
        String reported = secret(aliceWeb.newToken("reported-in-audit", "read"));
        HTTP.send(HttpRequest.newBuilder(URI.create(url("/api/credentials/revoke"))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"tokens\":[" + q(reported) + "]}")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> export = admin.get("/api/audit-log/export");
        assertEquals(200, export.statusCode());
        assertTrue(export.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"));
        JsonArray all = array(export.body());
        assertTrue(all.size() > 10, "the export holds every event");
        assertTrue(export.body().contains("token.revoke_by_report"));
        for (String secret : SECRETS) {
            assertFalse(export.body().contains(secret), "a secret is in the audit log");
        }
        for (String secret : SECRETS) {
            try (Connection db = database(); PreparedStatement rows = db.prepareStatement(
                    "select count(*) from audit_events where concat(event, actor, credential, address, target, organization, detail) like ?")) {
                rows.setString(1, "%" + secret + "%");
                var result = rows.executeQuery();
                result.next();
                assertEquals(0, result.getInt(1), "no row holds a secret");
            }
        }
    }

    @Test
    void badPageParametersAre400sAndTheNextLinkIsHubguardsOwnAddress() throws Exception {
        for (String query : List.of("limit=abc", "cursor=abc", "limit=99999999999", "limit=0", "cursor=-5", "limit=1001")) {
            HttpResponse<String> answer = admin.get("/api/audit-log?" + query);
            assertEquals(400, answer.statusCode(), query + ": " + answer.body());
            assertTrue(answer.body().contains(query.substring(0, query.indexOf('='))), answer.body());
        }
        // A client chooses the Host header: the Link is not built from it.
        URI base = URI.create(url("/"));
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.getOutputStream().write(("GET /api/audit-log?limit=1 HTTP/1.1\r\nHost: evil.example\r\nCookie: " + admin.cookie()
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 200"), response);
            Matcher link = Pattern.compile("(?im)^Link: <([^>]*)>").matcher(response);
            assertTrue(link.find(), response);
            assertFalse(link.group(1).contains("evil.example"), link.group(1));
            assertTrue(link.group(1).contains("/api/audit-log?") && link.group(1).contains("cursor="), link.group(1));
        }
    }

    /** The name Fixtures gives a token it inserts. */
    private static String fixtureName(String secret) {
        return "fixture-" + secret.substring(3, 15);
    }
}
