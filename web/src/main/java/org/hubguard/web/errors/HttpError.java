package org.hubguard.web.errors;

import static org.hubguard.web.api.JsonP.JSON;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.hubguard.access.Caller;
import org.hubguard.access.HubguardException;

/**
 * An error answer as the Hugging Face Hub gives it: a status, {@code {"error": "..."}}, the Hub's
 * {@code X-Error-Code} where there is one, and a Basic challenge where the client should authenticate (git
 * then asks for credentials). Every channel answers errors through this one shape: JAX-RS through
 * {@link #toResponse()}, git, downloads and the authentication mechanism through {@link #send}.
 */
public record HttpError(int status, String code, String message, boolean challenge) {

    public static final String CHALLENGE = "Basic realm=\"hubguard\"";

    /**
     * The answer to a refusal. An anonymous caller who finds nothing is also challenged: it may be private,
     * and the client should try again with credentials.
     */
    public static HttpError of(HubguardException refusal, Caller caller) {
        boolean anonymous = caller == null || caller.isAnonymous();
        return new HttpError(refusal.status(), refusal.errorCode(), refusal.getMessage(),
                refusal.status() == 401 || refusal.status() == 404 && anonymous);
    }

    public static HttpError unauthorized(String message) {
        return new HttpError(401, null, message, true);
    }

    /** Something hubguard did not expect: the details stay in the server log. */
    public static HttpError unexpected() {
        return new HttpError(500, null, "hubguard could not complete this request; nothing was changed.", false);
    }

    public HttpError withStatus(int newStatus) {
        return new HttpError(newStatus, code, message, challenge || newStatus == 401);
    }

    public Response toResponse() {
        Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body());
        if (code != null) {
            response.header("X-Error-Code", code);
        }
        if (challenge) {
            response.header("WWW-Authenticate", CHALLENGE);
        }
        return response.build();
    }

    /** The answer with more fields beside "error", e.g. the existing repository's {@code url} in a 409 (huggingface_hub reads it). */
    public Response toResponse(java.util.Map<String, String> extraFields) {
        jakarta.json.JsonObjectBuilder body = JSON.createObjectBuilder().add("error", message);
        extraFields.forEach(body::add);
        return Response.fromResponse(toResponse()).entity(body.build().toString()).build();
    }

    /** Writes the answer on a servlet response that nothing has been written to yet. */
    public void send(HttpServletResponse response) throws IOException {
        response.resetBuffer();
        response.setStatus(status);
        if (code != null) {
            response.setHeader("X-Error-Code", code);
        }
        if (challenge) {
            response.setHeader("WWW-Authenticate", CHALLENGE);
        }
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(body());
        response.flushBuffer();
    }

    /**
     * Writes the answer in the Git LFS format ({@code {"message": ...}}, application/vnd.git-lfs+json); a
     * challenge is also sent as LFS-Authenticate, which git-lfs reads to ask for credentials.
     */
    public void sendLfs(HttpServletResponse response) throws IOException {
        response.resetBuffer();
        response.setStatus(status);
        if (challenge) {
            response.setHeader("LFS-Authenticate", CHALLENGE);
            response.setHeader("WWW-Authenticate", CHALLENGE);
        }
        response.setContentType(LFS_JSON);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.createObjectBuilder().add("message", message).build().toString());
        response.flushBuffer();
    }

    public static final String LFS_JSON = "application/vnd.git-lfs+json";

    private String body() {
        return JSON.createObjectBuilder().add("error", message).build().toString();
    }
}
