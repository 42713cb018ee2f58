package org.hubguard.web.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.hubguard.tokens.LeakedTokens;
import org.hubguard.tokens.TokenFormat;

/**
 * {@code POST /api/credentials/revoke}, as on the Hub: anyone who found hubguard tokens where they do not
 * belong (a secret scanner, a stranger) reports them, e.g. {@code {"tokens": ["hf_...", ...]}} (any body, any
 * content type: every token in it counts). Always 202, whatever was found, so the answer tells nothing about a
 * token; live tokens are revoked and their owners told. At most {@value #MAX_TOKENS} distinct well-formed tokens
 * (checksum valid; other strings cost nothing and do not count) a request, looked up in one query.
 */
@Path("credentials/revoke")
public class CredentialsResource {

    static final int MAX_BODY = 256 * 1024;
    static final int MAX_TOKENS = 100;
    private static final Pattern TOKEN = Pattern.compile("hf_[A-Za-z0-9]{34}");

    @Inject
    LeakedTokens leakedTokens;

    @POST
    @Consumes("*/*")
    public Response revoke(InputStream body) throws IOException {
        String text = new String(body.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
        Set<String> tokens = wellFormedTokens(text);
        if (!tokens.isEmpty()) {
            leakedTokens.revokeReported(tokens);
        }
        return Response.accepted().build();
    }

    /** The first {@value #MAX_TOKENS} distinct well-formed tokens in {@code text}: junk before them hides none. */
    static Set<String> wellFormedTokens(String text) {
        Set<String> tokens = new LinkedHashSet<>();
        for (Matcher m = TOKEN.matcher(text); m.find() && tokens.size() < MAX_TOKENS; ) {
            if (TokenFormat.isWellFormed(m.group())) {
                tokens.add(m.group());
            }
        }
        return tokens;
    }
}
