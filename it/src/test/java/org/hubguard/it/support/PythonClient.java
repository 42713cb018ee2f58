package org.hubguard.it.support;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

/**
 * Requests exactly as huggingface_hub 1.28.0 (httpx) sends them: its User-Agent, {@code authorization: Bearer},
 * a random {@code X-Amzn-Trace-Id} (utils/_http.py:265-266), booleans as {@code true}/{@code false}, list values as
 * repeated keys, JSON bodies with {@code json=}, form bodies with {@code data=}. Redirects are never followed
 * here: each test follows them as the client does (relative only on the resolve HEAD, utils/_http.py:694-742).
 */
public final class PythonClient {

    /** What huggingface_hub sends without a library name (utils/_headers.py, _http_user_agent). */
    public static final String USER_AGENT = "unknown/None; hf_hub/1.28.0; python/3.11.7";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private final String token;

    public PythonClient(String token) {
        this.token = token;
    }

    /** httpx's quote for path segments, {@code quote(value, safe="")} as hf_api.py writes revisions. */
    public static String quote(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A query string as httpx writes a params dict (lists repeat the key). */
    public static String query(Map<String, ?> params) {
        return params.entrySet().stream().flatMap(e -> (e.getValue() instanceof List<?> list ? list.stream() : java.util.stream.Stream.of(e.getValue()))
                        .map(v -> quote(e.getKey()) + "=" + quote(String.valueOf(v))))
                .collect(Collectors.joining("&"));
    }

    public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return send(request(pathAndQuery).GET());
    }

    /** The metadata HEAD of hf_hub_download: Accept-Encoding identity (file_download.py:1618). */
    public HttpResponse<String> head(String pathAndQuery) throws IOException, InterruptedException {
        return send(request(pathAndQuery).header("Accept-Encoding", "identity").method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    public HttpResponse<byte[]> download(String pathAndQuery) throws IOException, InterruptedException {
        return HTTP.send(request(pathAndQuery).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> postForm(String path, Map<String, ?> fields) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(query(fields))));
    }

    /** The commit endpoint's body: one JSON object per line, each ending with a newline (_commit_api.py:1047-1049). */
    public HttpResponse<String> postNdjson(String path, List<String> lines) throws IOException, InterruptedException {
        String body = lines.stream().map(line -> line + "\n").collect(Collectors.joining());
        return send(request(path).header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Any method with a JSON body, as httpx's json= sends it (e.g. PUT settings). */
    public HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return send(request(path).DELETE());
    }

    /** A request to an absolute URL the server gave (a Link's next page, a redirect's Location), with the same headers. */
    public HttpResponse<String> getAbsolute(String url) throws IOException, InterruptedException {
        return send(builder(URI.create(url)).GET());
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return builder(URI.create(TestServer.url(pathAndQuery)));
    }

    private HttpRequest.Builder builder(URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("User-Agent", USER_AGENT)
                .header("X-Amzn-Trace-Id", UUID.randomUUID().toString());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static JsonObject object(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    public static JsonArray array(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readArray();
    }
}
