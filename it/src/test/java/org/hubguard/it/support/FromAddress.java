package org.hubguard.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * HTTP/1.1 requests from another loopback address (127.0.0.2, ...): the server sees another client, for tests
 * of what is counted per address. Plain sockets, since the JDK client cannot choose its source address.
 */
public final class FromAddress {

    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern SESSION = Pattern.compile("(?im)^Set-Cookie: (JSESSIONID=[^;\\r\\n]+)");

    private final String source;
    private String cookie;

    public FromAddress(String source) {
        this.source = source;
    }

    /** The raw answer: status line, headers and body. */
    public String request(String method, String path, String contentType, String body) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(System.getProperty("it.http.port"))), 10_000);
            socket.setSoTimeout(30_000);
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
            if (cookie != null) {
                head.append("Cookie: ").append(cookie).append("\r\n");
            }
            if (contentType != null) {
                head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(content.length).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            in.transferTo(answer);
            String text = answer.toString(StandardCharsets.UTF_8);
            Matcher session = SESSION.matcher(text);
            if (session.find()) {
                cookie = session.group(1);
            }
            return text;
        }
    }

    /** Signs in through the page; true when the answer is the redirect of a successful sign-in. */
    public boolean signIn(String login, String password) throws IOException {
        Matcher viewState = VIEW_STATE.matcher(request("GET", "/login", null, null));
        if (!viewState.find()) {
            throw new AssertionError("no sign-in form");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("login", "login");
        form.put("login:login", login);
        form.put("login:password", password);
        form.put("login:submit", "submit");
        form.put("jakarta.faces.ViewState", viewState.group(1).replace("&#58;", ":"));
        String encoded = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String answer = request("POST", "/login", "application/x-www-form-urlencoded", encoded);
        return answer.startsWith("HTTP/1.1 302");
    }
}
