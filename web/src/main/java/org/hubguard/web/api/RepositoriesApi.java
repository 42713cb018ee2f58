package org.hubguard.web.api;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.hubguard.access.InvalidInputException;
import org.hubguard.repos.RepoContext;
import org.hubguard.repos.RepoType;
import org.hubguard.repos.RepositoryService;
import org.hubguard.web.auth.CurrentCaller;

/**
 * {@code /api/models} and {@code /api/datasets}: lists by author, and the entry to one repository's API.
 * The repository is resolved here once, with the caller's permissions ({@link RepoContext}); a private
 * repository the caller may not read answers 404, like a missing one. (One resource class for the prefix:
 * JAX-RS picks one root resource per request and does not fall back to another.)
 */
@Path("{kind: models|datasets}")
@Produces(MediaType.APPLICATION_JSON)
public class RepositoriesApi {

    @Inject
    RepositoryService repositories;

    @Inject
    CurrentCaller caller;

    @Inject
    Instance<RepositoryApi> repositoryApi;

    @GET
    public Response list(@PathParam("kind") String kind, @QueryParam("author") String author) {
        if (author == null || author.isBlank()) {
            throw new InvalidInputException("Give the ?author= (a user or organization) whose repositories to list.");
        }
        JsonArrayBuilder list = Json.createArrayBuilder();
        repositories.list(caller.get(), type(kind), author.trim()).forEach(repo -> list.add(RepoJson.info(repo)));
        return Response.ok(list.build()).build();
    }

    @Path("{namespace}/{name}")
    public RepositoryApi repository(@PathParam("kind") String kind, @PathParam("namespace") String namespace,
                                    @PathParam("name") String name) {
        return repositoryApi.get().of(repositories.context(caller.get(), type(kind), namespace, name));
    }

    static RepoType type(String kind) {
        return RepoType.fromPlural(kind).orElseThrow(() -> new InvalidInputException("The type must be models or datasets."));
    }
}
