package org.hubguard.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON requests to the API with one credential: a bearer token, a session cookie, or none. */
public final class Json {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** How a request authenticates: Authorization header value, Cookie header value, or neither. */
    public record Credential(String authorization, String cookie) {

        public static final Credential NONE = new Credential(null, null);

        public static Credential token(String secret) {
            return new Credential("Bearer " + secret, null);
        }

        public static Credential session(String cookie) {
            return new Credential(null, cookie);
        }
    }

    private Json() {
    }

    public static HttpResponse<String> send(String method, String path, String body, Credential credential)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(TestServer.url(path))).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (credential.authorization() != null) {
            request.header("Authorization", credential.authorization());
        }
        if (credential.cookie() != null) {
            request.header("Cookie", credential.cookie());
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON string literal. */
    public static String q(String text) {
        return jakarta.json.Json.createValue(text).toString();
    }
}
