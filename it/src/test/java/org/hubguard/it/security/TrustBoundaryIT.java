package org.hubguard.it.security;

import static org.hubguard.it.support.Json.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;


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

/** What an attacker review found at the trust boundary, each now refused: over HTTP, with the real git. */
@ExtendWith(ArquillianExtension.class)
class TrustBoundaryIT extends TestServer {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static GitCli git;
    private static String alice;
    private static String aliceWrite;
    private static WebSession aliceWeb;

    @BeforeAll
    static void setUp() throws Exception {
        git = new GitCli();
        alice = Users.uniqueName("tb-alice");
        aliceWeb = WebSession.signUpAndSignIn(alice);
        aliceWrite = Fixtures.insertToken(alice, "WRITE", List.of());
    }

    @Test
    void onlyOrganizationAdminsMoveARepositoryOutOfTheirOrganization() throws Exception {
        String writer = Users.uniqueName("tb-writer");
        String contributor = Users.uniqueName("tb-contrib");
        WebSession.signUpAndSignIn(writer);
        WebSession.signUpAndSignIn(contributor);
        String org = Users.uniqueName("tb-org");
        Credential admin = Credential.session(aliceWeb.cookie());
        assertEquals(201, Json.send("POST", "/api/organizations/new", "{\"name\":" + q(org) + "}", admin).statusCode());
        assertEquals(201, Json.send("POST", "/api/organizations/" + org + "/members", "{\"username\":" + q(writer) + ",\"role\":\"write\"}", admin).statusCode());
        assertEquals(201, Json.send("POST", "/api/organizations/" + org + "/members", "{\"username\":" + q(contributor) + ",\"role\":\"contributor\"}", admin).statusCode());
        Credential writerToken = Credential.token(Fixtures.insertToken(writer, "WRITE", List.of()));
        Credential contributorToken = Credential.token(Fixtures.insertToken(contributor, "WRITE", List.of()));
        assertEquals(200, Json.send("POST", "/api/repos/create", "{\"name\":\"crown-jewels\",\"organization\":" + q(org) + "}", Credential.token(aliceWrite)).statusCode());
        assertEquals(200, Json.send("POST", "/api/repos/create", "{\"name\":\"mine\",\"organization\":" + q(org) + "}", contributorToken).statusCode());

        HttpResponse<String> taken = Json.send("POST", "/api/repos/move", "{\"fromRepo\":" + q(org + "/crown-jewels") + ",\"toRepo\":" + q(writer + "/stolen") + "}", writerToken);
        assertEquals(403, taken.statusCode(), "a writer may not take the organization's repository: " + taken.body());
        assertEquals(403, Json.send("POST", "/api/repos/move", "{\"fromRepo\":" + q(org + "/mine") + ",\"toRepo\":" + q(contributor + "/mine") + "}", contributorToken).statusCode(),
                "nor may a contributor take the one they created");
        assertEquals(200, Json.send("POST", "/api/repos/move", "{\"fromRepo\":" + q(org + "/mine") + ",\"toRepo\":" + q(org + "/mine-renamed") + "}", contributorToken).statusCode(),
                "renaming it within the organization stays allowed");
        assertEquals(200, Json.send("POST", "/api/repos/move", "{\"fromRepo\":" + q(org + "/crown-jewels") + ",\"toRepo\":" + q(alice + "/jewels") + "}", Credential.token(aliceWrite)).statusCode(),
                "an admin may");
    }

    @Test
    void maliciousTreeEntriesArePushedNowhere() throws Exception {
        assertEquals(200, Json.send("POST", "/api/repos/create", "{\"name\":\"entries\"}", Credential.token(aliceWrite)).statusCode());
        Path dir = git.newDir("entries");
        git.run(dir, "clone", GitCli.url("/" + alice + "/entries", aliceWrite), "work").ok();
        Path work = dir.resolve("work");
        String before = sha();
        String blob = git.run(work, "hash-object", "-w", "--stdin").ok().output().trim(); // the empty blob
        Files.writeString(work.resolve("content"), "evil\n");
        String content = git.run(work, "hash-object", "-w", "content").ok().output().trim();
        String[][] entries = {
                {"100644", "..", content}, {"100644", ".git", content}, {"100644", ".GIT", content}, {"100644", "a\\b", content},
                {"120000", "link", content}, {"160000", "submodule", "1111111111111111111111111111111111111111"},
                {"100644", "n".repeat(4000), blob}};
        for (String[] entry : entries) {
            String tree = literalTree(work, entry[0], entry[1], entry[2]);
            String commit = git.run(work, "commit-tree", tree, "-p", "HEAD", "-m", "malicious entry").ok().output().trim();
            GitCli.Result push = git.run(work, "push", "origin", commit + ":refs/heads/main");
            assertTrue(push.exitCode() != 0, "entry " + shortName(entry[1]) + " was accepted:\n" + push.output());
            assertEquals(before, sha(), "nothing was stored for " + shortName(entry[1]));
            // The refused commit's objects sit in the object database (git writes the pack before the check):
            // no URL may open them by id, in full or abbreviated.
            for (String id : List.of(commit, commit.substring(0, 7))) {
                for (String url : List.of("/api/models/" + alice + "/entries/revision/" + id, "/" + alice + "/entries/resolve/" + id + "/content",
                        "/api/models/" + alice + "/entries/tree/" + id)) {
                    assertEquals(404, Json.send("GET", url, null, Credential.token(aliceWrite)).statusCode(), url + " opened a refused commit");
                }
            }
        }
        // Ids that are not this repository's commits are 404s, not server errors: a blob, a tree, an unknown id.
        String tree = git.run(work, "rev-parse", "HEAD^{tree}").ok().output().trim();
        for (String id : List.of(content, tree, tree.substring(0, 7), "1".repeat(40), "main%5E%7Btree%7D")) {
            assertEquals(404, Json.send("GET", "/api/models/" + alice + "/entries/revision/" + id, null, Credential.token(aliceWrite)).statusCode(), id);
            assertEquals(404, Json.send("GET", "/" + alice + "/entries/resolve/" + id + "/content", null, Credential.token(aliceWrite)).statusCode(), id);
        }
        GitCli.Result headBranch = git.run(work, "push", "origin", "main:refs/heads/HEAD");
        assertTrue(headBranch.exitCode() != 0 && headBranch.output().contains("not a valid branch or tag name"), headBranch.output());
    }

    @Test
    void crossSiteRequestsWithTheSessionCookieAreRefused() throws Exception {
        String org = Users.uniqueName("tb-csrf");
        Credential session = Credential.session(aliceWeb.cookie());
        assertEquals(201, Json.send("POST", "/api/organizations/new", "{\"name\":" + q(org) + "}", session).statusCode());
        for (String[] headers : new String[][] {{"Origin", "http://evil.example"}, {"Sec-Fetch-Site", "cross-site"}}) {
            HttpResponse<String> rotate = HTTP.send(HttpRequest.newBuilder(URI.create(url("/api/organizations/" + org + "/token")))
                    .header("Cookie", aliceWeb.cookie()).header(headers[0], headers[1]).header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, rotate.statusCode(), headers[0] + ": " + rotate.body());
            HttpResponse<String> logout = HTTP.send(HttpRequest.newBuilder(URI.create(url("/logout")))
                    .header("Cookie", aliceWeb.cookie()).header(headers[0], headers[1])
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, logout.statusCode());
        }
        assertEquals(200, aliceWeb.get("/settings/account").statusCode(), "the session survived the forged sign-out");
        HttpResponse<String> sameSite = HTTP.send(HttpRequest.newBuilder(URI.create(url("/api/organizations/" + org + "/token")))
                .header("Cookie", aliceWeb.cookie()).header("Origin", BASE_URL).header("Sec-Fetch-Site", "same-origin")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, sameSite.statusCode(), "hubguard's own pages may: " + sameSite.body());
    }

    @Test
    void sessionCookiesAreHttpOnlyAndSameSiteLaxAndPagesHaveAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(url("/login"))).build(), HttpResponse.BodyHandlers.ofString());
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Lax"), cookie);
        String csp = login.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"), csp);
        assertTrue(!login.body().contains("onclick=") && !login.body().matches("(?s).*<script(?![^>]*src=)[^>]*>.*"), "no inline script on the page");
    }

    @Test
    void badRevisionsDeepJsonAndExpiredFormsAreClientErrorsNotServerErrors() throws Exception {
        assertEquals(200, Json.send("POST", "/api/repos/create", "{\"name\":\"inputs\"}", Credential.token(aliceWrite)).statusCode());
        HttpResponse<String> dots = HTTP.send(HttpRequest.newBuilder(URI.create(url("/api/models/" + alice + "/inputs/commit/a..b")))
                .header("Authorization", "Bearer " + aliceWrite).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"header\",\"value\":{\"summary\":\"x\"}}\n"
                        + "{\"key\":\"file\",\"value\":{\"path\":\"x.txt\",\"content\":\"eA==\",\"encoding\":\"base64\"}}\n")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, dots.statusCode(), dots.body());
        String deep = "[".repeat(20_000) + "]".repeat(20_000);
        HttpResponse<String> nested = Json.send("POST", "/api/repos/create", "{\"name\":" + deep + "}", Credential.token(aliceWrite));
        assertTrue(nested.statusCode() == 400 || nested.statusCode() == 413, nested.statusCode() + " " + nested.body());
        for (String notUtf8 : List.of("/api/models/" + alice + "/inputs%FF/revision/main", "/" + alice + "/inputs/resolve/main/a%C0%AF",
                "/" + alice + "/x%C3%28", "/api/models?author=a%FF")) {
            HttpResponse<String> refused = Json.send("GET", notUtf8, null, Credential.token(aliceWrite));
            assertEquals(400, refused.statusCode(), notUtf8 + " " + refused.body());
            assertTrue(refused.body().contains("not valid") && refused.body().startsWith("{"), refused.body());
        }
        HttpResponse<String> expired = aliceWeb.submitWithViewState("/settings/account", "password", "-1:expired-view-state");
        assertTrue(expired.statusCode() == 302 || expired.statusCode() == 303, "an expired form is sent back to its page: " + expired.statusCode());
    }

    private static String sha() throws Exception {
        HttpResponse<String> info = Json.send("GET", "/api/models/" + alice + "/entries", null, Credential.token(aliceWrite));
        return jakarta.json.Json.createReader(new StringReader(info.body())).readObject().getString("sha");
    }

    /** A tree object with exactly one entry, written with git's --literally (git itself would refuse the name). */
    private static String literalTree(Path work, String mode, String name, String id) throws Exception {
        ByteArrayOutputStream tree = new ByteArrayOutputStream();
        tree.write((mode + " " + name).getBytes(StandardCharsets.UTF_8));
        tree.write(0);
        tree.write(HexFormat.of().parseHex(id));
        Path file = work.getParent().resolve("tree-" + System.nanoTime());
        Files.write(file, tree.toByteArray());
        return git.run(work, "hash-object", "-t", "tree", "--literally", "-w", file.toString()).ok().output().trim();
    }

    private static String shortName(String name) {
        return name.length() > 20 ? name.substring(0, 20) + "..." : name;
    }
}
