package org.hubguard.web.routing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.hubguard.web.errors.HttpError;

/**
 * Refuses a URL whose path or query does not percent-decode to UTF-8 (or has a broken escape) with a clear 400,
 * before any page, API or git code reads it: otherwise each reader decodes it its own way (JAX-RS fails with a
 * bare "Bad Request" and a stack trace in the log, a lenient decoder turns the bytes into U+FFFD).
 */
public class WellFormedUrls extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (!decodes(request.getRequestURI()) || !decodes(request.getQueryString())) {
            new HttpError(400, null, "The URL is not valid: after percent-decoding, its path and query must be UTF-8.", false)
                    .send(response);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Whether every %XX escape is well formed and the bytes they make, with the rest, are UTF-8. */
    static boolean decodes(String raw) {
        if (raw == null || raw.indexOf('%') < 0) {
            return true; // the container already decoded the request line as UTF-8 characters
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0 || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    return false;
                }
                bytes.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
