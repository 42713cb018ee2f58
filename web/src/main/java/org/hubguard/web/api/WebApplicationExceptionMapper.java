package org.hubguard.web.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** JAX-RS's own errors (unknown path, wrong method, unreadable body) as JSON too. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        Response.Status status = Response.Status.fromStatusCode(original.getStatus());
        String message = switch (original.getStatus()) {
            case 404 -> "Not found.";
            case 405 -> "This method is not allowed here.";
            case 415 -> "Unsupported content type.";
            default -> status == null ? "Request failed." : status.getReasonPhrase() + ".";
        };
        return Response.fromResponse(ApiErrors.of(status == null ? Response.Status.BAD_REQUEST : status, message))
                .status(original.getStatus()).build();
    }
}
