package org.hubguard.it.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser-less web session: posts the real Faces forms (sign-up, sign-in) over plain HTTP and keeps the
 * session cookie, for tests that need many signed-in users quickly.
 */
public final class WebSession {

    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");

    private final String baseUrl;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    /** A session with the test server. */
    public WebSession() {
        this(TestServer.BASE_URL);
    }

    /** A session with another hubguard (one a test started itself). */
    public WebSession(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public static WebSession signUpAndSignIn(String username) throws IOException, InterruptedException {
        WebSession session = new WebSession();
        session.submit("/join", "join", Map.of("join:username", username, "join:email", Users.emailOf(username),
                "join:password", Users.PASSWORD));
        session.signIn(username, Users.PASSWORD);
        return session;
    }

    public void signIn(String login, String password) throws IOException, InterruptedException {
        HttpResponse<String> response = submit("/login", "login", Map.of("login:login", login, "login:password", password));
        if (response.statusCode() != 302 || cookie() == null) {
            throw new AssertionError("sign-in as " + login + " failed: " + response.statusCode());
        }
    }

    /** Fills and submits the form {@code formId} of {@code page}; returns the (unfollowed) response. */
    public HttpResponse<String> submit(String page, String formId, Map<String, String> fields) throws IOException, InterruptedException {
        HttpResponse<String> form = client.send(HttpRequest.newBuilder(URI.create(baseUrl + page)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher viewState = VIEW_STATE.matcher(form.body());
        if (!viewState.find()) {
            throw new AssertionError("no form on " + page + " (" + form.statusCode() + ")");
        }
        Map<String, String> body = new LinkedHashMap<>(fields);
        body.put(formId, formId);
        body.put(formId + ":submit", "submit");
        body.put("jakarta.faces.ViewState", viewState.group(1).replace("&#58;", ":"));
        String encoded = body.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return client.send(HttpRequest.newBuilder(URI.create(baseUrl + page))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Presses the command button {@code buttonId} (e.g. "list:tokens:0:delete") of form {@code formId} on {@code page}. */
    public HttpResponse<String> click(String page, String formId, String buttonId) throws IOException, InterruptedException {
        HttpResponse<String> form = client.send(HttpRequest.newBuilder(URI.create(baseUrl + page)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher viewState = VIEW_STATE.matcher(form.body());
        if (!viewState.find()) {
            throw new AssertionError("no form on " + page + " (" + form.statusCode() + ")");
        }
        String body = URLEncoder.encode(formId, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(formId, StandardCharsets.UTF_8)
                + "&" + URLEncoder.encode(buttonId, StandardCharsets.UTF_8) + "=press"
                + "&jakarta.faces.ViewState=" + URLEncoder.encode(viewState.group(1).replace("&#58;", ":"), StandardCharsets.UTF_8);
        return client.send(HttpRequest.newBuilder(URI.create(baseUrl + page))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Submits form {@code formId} of {@code page} with the given view state instead of the page's (e.g. an expired one). */
    public HttpResponse<String> submitWithViewState(String page, String formId, String viewState) throws IOException, InterruptedException {
        String body = URLEncoder.encode(formId, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(formId, StandardCharsets.UTF_8)
                + "&" + URLEncoder.encode(formId + ":submit", StandardCharsets.UTF_8) + "=submit"
                + "&jakarta.faces.ViewState=" + URLEncoder.encode(viewState, StandardCharsets.UTF_8);
        return client.send(HttpRequest.newBuilder(URI.create(baseUrl + page))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A page or API answer, with this session. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Makes an access token with {@code role} on the tokens page and returns its secret. */
    public String newToken(String name, String role) throws IOException, InterruptedException {
        HttpResponse<String> page = submit("/settings/tokens", "create", Map.of("create:name", name, "create:role", role,
                "create:scopeKind", "global"));
        Matcher secret = Pattern.compile("id=\"new-token\"[^>]*value=\"(hf_[A-Za-z0-9]+)\"").matcher(page.body());
        if (!secret.find()) {
            throw new AssertionError("no new token on the page (" + page.statusCode() + ")");
        }
        return secret.group(1);
    }

    /** "JSESSIONID=..." for a Cookie header. */
    public String cookie() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(HttpCookie::toString).findFirst().orElse(null);
    }
}
