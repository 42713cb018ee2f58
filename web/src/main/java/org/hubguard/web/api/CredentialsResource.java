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

import org.hubguard.access.Caller;
import org.hubguard.tokens.LeakedTokens;

/**
 * {@code POST /api/credentials/revoke}, as on the Hub: anyone who found hubguard tokens where they do not
 * belong (a secret scanner, a stranger) reports them, e.g. {@code {"tokens": ["hf_...", ...]}} (any body: every
 * token-shaped string in it counts). Always 202, whatever was found, so the answer tells nothing about a token;
 * live tokens are revoked and their owners told.
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
        Set<String> tokens = new LinkedHashSet<>();
        for (Matcher m = TOKEN.matcher(text); m.find() && tokens.size() < MAX_TOKENS; ) {
            tokens.add(m.group());
        }
        for (String token : tokens) {
            leakedTokens.revokeReported(token);
        }
        return Response.accepted().build();
    }
}
