package org.hubguard.web.api;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.hubguard.access.HubguardException;
import org.hubguard.access.NotFoundException;
import org.hubguard.git.EntryNotFoundException;
import org.hubguard.repos.RepositoryExistsException;
import org.hubguard.repos.RepositoryMovedException;
import org.hubguard.web.BaseUrl;
import org.hubguard.web.auth.CurrentCaller;
import org.hubguard.web.errors.HttpError;
import org.hubguard.web.routing.MovedRepositories;

/** Every error of the API as the Hub's JSON error, through {@link HttpError}. */
public final class ApiExceptionMappers {

    private ApiExceptionMappers() {
    }

    /** hubguard's refusals: their own status, X-Error-Code and message. */
    @Provider
    public static class Refused implements ExceptionMapper<HubguardException> {

        @Inject
        CurrentCaller caller;

        @Override
        public Response toResponse(HubguardException e) {
            Response response = HttpError.of(e, caller.get()).toResponse();
            if (e instanceof EntryNotFoundException missing && missing.commit() != null) {
                // huggingface_hub caches "not there" per commit when it gets one
                return Response.fromResponse(response).header("X-Repo-Commit", missing.commit()).build();
            }
            return response;
        }
    }

    /** A repository name that exists already: 409 with its {@code url}, which huggingface_hub's create_repo(exist_ok=True) reads. */
    @Provider
    public static class Exists implements ExceptionMapper<RepositoryExistsException> {

        @Inject
        CurrentCaller caller;

        @Inject
        BaseUrl baseUrl;

        @Context
        HttpServletRequest request;

        @Override
        public Response toResponse(RepositoryExistsException e) {
            String url = baseUrl.of(request) + "/" + e.existing().type().urlPrefix() + e.existing().fullName();
            return HttpError.of(e, caller.get()).toResponse(java.util.Map.of("url", url));
        }
    }

    /**
     * An old name of a renamed or moved repository: 307 to the same request with the new name (as the Hub
     * redirects), or, where the name came in the body, 404 saying where it went.
     */
    @Provider
    public static class Moved implements ExceptionMapper<RepositoryMovedException> {

        @Inject
        CurrentCaller caller;

        @Context
        HttpServletRequest request;

        @Override
        public Response toResponse(RepositoryMovedException e) {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            return MovedRepositories.location(request.getContextPath(), path, request.getQueryString(), e)
                    .map(location -> Response.status(307).header("Location", location).build())
                    .orElseGet(() -> HttpError.of(new NotFoundException("RepoNotFound", e.getMessage()), caller.get()).toResponse());
        }
    }

    @Provider
    public static class MalformedJson implements ExceptionMapper<JsonException> {
        @Override
        public Response toResponse(JsonException e) {
            return new HttpError(400, null, "The request body is not valid JSON: " + e.getMessage(), false).toResponse();
        }
    }

    /** JAX-RS's own errors (unknown path, wrong method, unreadable body), in words. */
    @Provider
    public static class JaxRs implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            Response.Status known = Response.Status.fromStatusCode(status);
            String message = switch (status) {
                case 404 -> "Not found.";
                case 405 -> "This method is not allowed here.";
                case 415 -> "Unsupported content type.";
                default -> known == null ? "Request failed." : known.getReasonPhrase() + ".";
            };
            return new HttpError(status, null, message, status == 401).toResponse();
        }
    }

    /** Anything unexpected: a JSON 500 without internals; the details go to the server log. */
    @Provider
    public static class Unexpected implements ExceptionMapper<RuntimeException> {

        private static final Logger LOG = Logger.getLogger(Unexpected.class.getName());

        @Override
        public Response toResponse(RuntimeException e) {
            LOG.log(Level.SEVERE, "Unexpected error in an API request", e);
            return HttpError.unexpected().toResponse();
        }
    }
}
