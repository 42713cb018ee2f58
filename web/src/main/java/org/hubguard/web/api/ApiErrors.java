package org.hubguard.web.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** API error responses: {@code {"error": "..."}} with the right status, as the Hugging Face Hub answers. */
public final class ApiErrors {

    private ApiErrors() {
    }

    public static Response of(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(message)).build();
    }

    /** 401 with a challenge, so that git and browsers ask for credentials. */
    public static Response unauthorized(String message) {
        return Response.fromResponse(of(Response.Status.UNAUTHORIZED, message))
                .header("WWW-Authenticate", "Basic realm=\"hubguard\"").build();
    }
}
