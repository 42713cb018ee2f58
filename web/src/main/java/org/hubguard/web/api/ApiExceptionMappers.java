package org.hubguard.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.hubguard.access.AccessDeniedException;
import org.hubguard.access.ConflictException;
import org.hubguard.access.InvalidInputException;
import org.hubguard.access.NotFoundException;
import org.hubguard.web.auth.CurrentCaller;

/** The domain's exceptions as the Hub's JSON errors: 400, 401/403, 404 (with X-Error-Code), 409. */
public final class ApiExceptionMappers {

    private ApiExceptionMappers() {
    }

    @Provider
    public static class Denied implements ExceptionMapper<AccessDeniedException> {

        @Inject
        CurrentCaller caller;

        @Override
        public Response toResponse(AccessDeniedException e) {
            return caller.get().isAnonymous()
                    ? ApiErrors.unauthorized(e.getMessage())
                    : ApiErrors.of(Response.Status.FORBIDDEN, e.getMessage());
        }
    }

    @Provider
    public static class NotFound implements ExceptionMapper<NotFoundException> {

        @Inject
        CurrentCaller caller;

        @Override
        public Response toResponse(NotFoundException e) {
            Response.ResponseBuilder response = Response.fromResponse(ApiErrors.of(Response.Status.NOT_FOUND, e.getMessage()))
                    .header("X-Error-Code", e.getCode());
            if (caller.get().isAnonymous()) {
                // Maybe it is private: invite the client to authenticate (git asks for credentials on this).
                response.header("WWW-Authenticate", "Basic realm=\"hubguard\"");
            }
            return response.build();
        }
    }

    @Provider
    public static class MalformedJson implements ExceptionMapper<jakarta.json.JsonException> {
        @Override
        public Response toResponse(jakarta.json.JsonException e) {
            return ApiErrors.of(Response.Status.BAD_REQUEST, "The request body is not valid JSON: " + e.getMessage());
        }
    }

    /** Anything unexpected: a JSON 500 without internals; the details go to the server log. */
    @Provider
    public static class Unexpected implements ExceptionMapper<RuntimeException> {

        private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(Unexpected.class.getName());

        @Override
        public Response toResponse(RuntimeException e) {
            if (e instanceof jakarta.ws.rs.WebApplicationException web) {
                return new WebApplicationExceptionMapper().toResponse(web);
            }
            LOG.log(java.util.logging.Level.SEVERE, "Unexpected error in an API request", e);
            return ApiErrors.of(Response.Status.INTERNAL_SERVER_ERROR, "hubguard could not complete this request; nothing was changed.");
        }
    }

    @Provider
    public static class Conflict implements ExceptionMapper<ConflictException> {
        @Override
        public Response toResponse(ConflictException e) {
            return ApiErrors.of(Response.Status.CONFLICT, e.getMessage());
        }
    }

    @Provider
    public static class InvalidInput implements ExceptionMapper<InvalidInputException> {
        @Override
        public Response toResponse(InvalidInputException e) {
            return ApiErrors.of(Response.Status.BAD_REQUEST, e.getMessage());
        }
    }

}
