package org.hubguard.web.api;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.hubguard.access.InvalidInputException;
import org.hubguard.repos.RepoType;
import org.hubguard.repos.Repository;
import org.hubguard.repos.RepositoryService;
import org.hubguard.web.auth.CurrentCaller;

/**
 * {@code /api/models/...} and {@code /api/datasets/...}: repository info, lists by author, settings.
 * A private repository the caller may not read answers 404, like a missing one.
 */
@Path("{kind: models|datasets}")
@Produces(MediaType.APPLICATION_JSON)
public class RepoInfoResource {

    @Inject
    RepositoryService repositories;

    @Inject
    CurrentCaller caller;

    @GET
    public Response list(@PathParam("kind") String kind, @QueryParam("author") String author) {
        if (author == null || author.isBlank()) {
            throw new InvalidInputException("Give the ?author= (a user or organization) whose repositories to list.");
        }
        JsonArrayBuilder list = Json.createArrayBuilder();
        repositories.list(caller.get(), type(kind), author.trim()).forEach(repo -> list.add(RepoJson.info(repo)));
        return Response.ok(list.build()).build();
    }

    @GET
    @Path("{namespace}/{name}")
    public Response info(@PathParam("kind") String kind, @PathParam("namespace") String namespace, @PathParam("name") String name) {
        Repository repo = repositories.get(caller.get(), type(kind), namespace, name);
        return Response.ok(RepoJson.info(repo).build()).build();
    }

    /** {private: bool} or {visibility: "public"|"private"} */
    @PUT
    @Path("{namespace}/{name}/settings")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response settings(@PathParam("kind") String kind, @PathParam("namespace") String namespace,
                             @PathParam("name") String name, JsonObject body) {
        JsonBodies.required(body);
        Boolean isPrivate = JsonBodies.bool(body, "private");
        String visibility = JsonBodies.string(body, "visibility");
        if (isPrivate == null && visibility != null) {
            if (!visibility.equals("public") && !visibility.equals("private")) {
                throw new InvalidInputException("'visibility' must be 'public' or 'private'.");
            }
            isPrivate = visibility.equals("private");
        }
        if (isPrivate == null) {
            throw new InvalidInputException("Send {\"private\": true|false} or {\"visibility\": \"public\"|\"private\"}.");
        }
        Repository repo = repositories.setVisibility(caller.get(), type(kind), namespace, name, isPrivate);
        return Response.ok(RepoJson.info(repo).build()).build();
    }

    private static RepoType type(String kind) {
        return kind.equals("datasets") ? RepoType.DATASET : RepoType.MODEL;
    }
}
