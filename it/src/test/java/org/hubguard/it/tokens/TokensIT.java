package org.hubguard.it.tokens;

import static org.hubguard.it.support.Api.basic;
import static org.hubguard.it.support.Api.bearer;
import static org.hubguard.it.support.Api.get;
import static org.hubguard.it.support.Api.json;
import static org.hubguard.it.support.Users.PASSWORD;
import static org.hubguard.it.support.Users.emailOf;
import static org.hubguard.it.support.Users.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonObject;

import org.hubguard.it.support.Browser;
import org.hubguard.it.support.TestServer;
import org.hubguard.it.support.TokenPages;
import org.hubguard.tokens.TokenFormat;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Access tokens over real HTTP: created in the page, used on the API, deleted, refreshed, expired. */
@ExtendWith(ArquillianExtension.class)
class TokensIT extends TestServer {

    @RegisterExtension
    static final Browser BROWSER = new Browser();

    /** Every secret this class saw; none may ever appear in the server log. */
    private static final List<String> SECRETS = new ArrayList<>();

    private static String user;

    @BeforeAll
    static void signUp() {
        user = uniqueName("tokens");
    }

    private static void signedIn() {
        BROWSER.signUp(user, emailOf(user), PASSWORD); // refused as taken after the first time: harmless
        BROWSER.signIn(user, PASSWORD);
    }

    private static String newToken(String name, String role) {
        signedIn();
        String secret = TokenPages.create(BROWSER, name, role);
        SECRETS.add(secret);
        return secret;
    }

    @Test
    void bearerAndBasicWithAnyUsernameAuthenticateAsTheUser() throws Exception {
        String token = newToken("ci-read", "read");
        assertTrue(TokenFormat.isWellFormed(token), "the page shows a well-formed hf_ token");

        for (String authorization : List.of(bearer(token), basic("anything", token), basic("", token), basic(user, token))) {
            HttpResponse<String> response = get("/api/whoami-v2", authorization);
            assertEquals(200, response.statusCode(), response.body());
            JsonObject me = json(response);
            assertEquals("user", me.getString("type"));
            assertEquals(user, me.getString("name"));
            assertEquals(emailOf(user), me.getString("email"));
            assertFalse(me.getBoolean("emailVerified"));
            assertEquals(0, me.getJsonArray("orgs").size());
            JsonObject auth = me.getJsonObject("auth");
            assertEquals("access_token", auth.getString("type"));
            assertEquals("ci-read", auth.getJsonObject("accessToken").getString("displayName"));
            assertEquals("read", auth.getJsonObject("accessToken").getString("role"));
            assertNotNull(auth.getJsonObject("accessToken").getString("createdAt"));
            assertFalse(response.headers().firstValue("Set-Cookie").isPresent(), "a token request never starts a session");
        }
    }

    @Test
    void aFineGrainedTokenCarriesItsPermissions() throws Exception {
        signedIn();
        String token = TokenPages.create(BROWSER, "deploy-bert", "fineGrained",
                List.of("repo.content.read", "repo.write"), "model", user + "/bert");
        SECRETS.add(token);
        JsonObject accessToken = json(get("/api/whoami-v2", bearer(token))).getJsonObject("auth").getJsonObject("accessToken");
        assertEquals("fineGrained", accessToken.getString("role"));
        JsonObject scoped = accessToken.getJsonObject("fineGrained").getJsonArray("scoped").getJsonObject(0);
        assertEquals("model", scoped.getJsonObject("entity").getString("type"));
        assertEquals(user + "/bert", scoped.getJsonObject("entity").getString("name"));
        assertEquals(List.of("repo.content.read", "repo.write"),
                scoped.getJsonArray("permissions").getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());

        BROWSER.open("/settings/tokens");
        assertTrue(BROWSER.driver().getPageSource().contains("repo.write on model " + user + "/bert"));
    }

    @Test
    void badInputOnTheTokenFormIsExplainedAndNothingIsCreated() throws Exception {
        signedIn();
        BROWSER.open("/settings/tokens");
        BROWSER.submit("create:submit");
        assertTrue(BROWSER.messages().contains("Give the token a name"), BROWSER.messages());
        BROWSER.type("create:name", "no-permissions");
        BROWSER.driver().findElement(org.openqa.selenium.By.cssSelector("input[name='create:role'][value='fineGrained']")).click();
        BROWSER.submit("create:submit");
        assertTrue(BROWSER.messages().contains("needs at least one permission"), BROWSER.messages());
        assertEquals(0, countTokens("no-permissions"));
        BROWSER.type("create:name", "in-the-past");
        BROWSER.driver().findElement(org.openqa.selenium.By.cssSelector("input[name='create:role'][value='read']")).click();
        ((org.openqa.selenium.JavascriptExecutor) BROWSER.driver())
                .executeScript("document.getElementById('create:expiresOn').value = '2020-01-01'");
        BROWSER.submit("create:submit");
        assertTrue(BROWSER.messages().contains("expiry date must be today or later"), BROWSER.messages());
        assertEquals(0, countTokens("in-the-past"));
    }

    @Test
    void theSecretIsShownOnceThenDeletionTakesEffectOnTheNextRequest() throws Exception {
        String token = newToken("laptop", "write");
        assertEquals(200, get("/api/whoami-v2", bearer(token)).statusCode());

        BROWSER.open("/settings/tokens");
        assertFalse(BROWSER.has("new-token"), "the secret is not shown again");
        assertFalse(BROWSER.driver().getPageSource().contains(token));
        assertTrue(BROWSER.driver().getPageSource().contains("…" + token.substring(token.length() - 4)));

        TokenPages.clickInRow(BROWSER, "laptop", "delete");
        assertTrue(BROWSER.messages().contains("deleted"), BROWSER.messages());
        HttpResponse<String> afterDelete = get("/api/whoami-v2", bearer(token));
        assertEquals(401, afterDelete.statusCode());
        assertTrue(json(afterDelete).getString("error").contains("does not exist"), afterDelete.body());
    }

    @Test
    void refreshingStopsTheOldSecretAndStartsTheNewOne() throws Exception {
        String old = newToken("refresh-me", "read");
        assertEquals(200, get("/api/whoami-v2", bearer(old)).statusCode());

        TokenPages.clickInRow(BROWSER, "refresh-me", "refresh");
        String fresh = TokenPages.secretShown(BROWSER);
        SECRETS.add(fresh);
        assertNotEquals(old, fresh);
        assertEquals(401, get("/api/whoami-v2", bearer(old)).statusCode());
        HttpResponse<String> withNew = get("/api/whoami-v2", bearer(fresh));
        assertEquals(200, withNew.statusCode());
        assertEquals("refresh-me", json(withNew).getJsonObject("auth").getJsonObject("accessToken").getString("displayName"));
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        String token = newToken("short-lived", "read");
        assertEquals(200, get("/api/whoami-v2", bearer(token)).statusCode());
        try (Connection db = database();
             PreparedStatement expire = db.prepareStatement("update access_tokens set expires_at = ? where name = ? "
                     + "and user_id = (select u.id from users u where u.email = ?)")) {
            expire.setTimestamp(1, Timestamp.from(java.time.Instant.now().minusSeconds(1)));
            expire.setString(2, "short-lived");
            expire.setString(3, emailOf(user));
            assertEquals(1, expire.executeUpdate());
        }
        HttpResponse<String> response = get("/api/whoami-v2", bearer(token));
        assertEquals(401, response.statusCode());
        assertTrue(json(response).getString("error").contains("expired"), response.body());
    }

    @Test
    void invalidCredentialsGet401WithAChallengeAndTheTokenIsNeverEchoed() throws Exception {
        String unknown = TokenFormat.generate(); // well-formed, never issued
        String malformed = "hf_thisIsNotARealTokenAtAll1234567890";
        for (String authorization : List.of(bearer(unknown), basic("git", unknown), bearer(malformed), "Digest abc", "Bearer")) {
            HttpResponse<String> response = get("/api/whoami-v2", authorization);
            assertEquals(401, response.statusCode(), authorization);
            assertEquals("Basic realm=\"hubguard\"", response.headers().firstValue("WWW-Authenticate").orElse(""));
            String error = json(response).getString("error");
            assertTrue(error.startsWith("Invalid credentials in Authorization header"), error);
            assertFalse(response.body().contains(unknown) || response.body().contains(malformed), response.body());
        }
        HttpResponse<String> anonymous = get("/api/whoami-v2", null);
        assertEquals(401, anonymous.statusCode());
        assertTrue(json(anonymous).getString("error").contains("You must be authenticated"));
    }

    @Test
    void aTokenCannotOpenTheTokenPage() throws Exception {
        String token = newToken("sneaky", "write");
        HttpResponse<String> response = get("/settings/tokens", bearer(token));
        assertEquals(403, response.statusCode());
        assertFalse(response.body().contains("New token"), "the token page is not served to a token");
    }

    @Test
    void lastUsedIsRecordedButNotOnEveryRequest() throws Exception {
        String token = newToken("counter", "read");
        assertEquals(null, lastUsed("counter"));
        get("/api/whoami-v2", bearer(token));
        Timestamp first = lastUsed("counter");
        assertNotNull(first);
        get("/api/whoami-v2", bearer(token));
        assertEquals(first, lastUsed("counter"), "a second use within a minute writes nothing");
    }

    /** Requests from 127.0.0.2 so that the other tests' address (127.0.0.1) keeps working. */
    @Test
    void manyInvalidTokensFromOneAddressAreStopped() throws Exception {
        String valid = newToken("throttled", "read");
        int status = 0;
        for (int attempt = 1; attempt <= 25 && status != 429; attempt++) {
            status = statusFrom("127.0.0.2", TokenFormat.generate());
        }
        assertEquals(429, status, "refused tokens from one address end in 429");
        assertEquals(429, statusFrom("127.0.0.2", valid), "while stopped, even a valid token is not checked");
        assertEquals(200, get("/api/whoami-v2", bearer(valid)).statusCode(), "other addresses are not affected");
    }

    @AfterAll
    static void noSecretEverReachedTheServerLog() throws Exception {
        Path log = Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");
        String content = Files.readString(log);
        assertFalse(SECRETS.isEmpty());
        for (String secret : SECRETS) {
            assertFalse(content.contains(secret), "a token secret appears in " + log);
            assertFalse(content.contains(secret.substring(3)), "a token secret (without prefix) appears in " + log);
        }
    }

    private static int statusFrom(String sourceAddress, String token) throws Exception {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(sourceAddress), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(System.getProperty("it.http.port"))), 10_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/whoami-v2 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    private static int countTokens(String name) throws Exception {
        try (Connection db = database(); PreparedStatement query = db.prepareStatement("select count(*) from access_tokens where name = ?")) {
            query.setString(1, name);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private static Timestamp lastUsed(String name) throws Exception {
        try (Connection db = database();
             PreparedStatement query = db.prepareStatement("select t.last_used_at from access_tokens t join users u on u.id = t.user_id "
                     + "where t.name = ? and u.email = ?")) {
            query.setString(1, name);
            query.setString(2, emailOf(user));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getTimestamp(1);
            }
        }
    }
}
