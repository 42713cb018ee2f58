package org.hubguard.web.api;

import java.util.List;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.jgit.lib.ObjectId;
import org.hubguard.access.NotFoundException;
import org.hubguard.git.CommitInfo;
import org.hubguard.git.GitReader;
import org.hubguard.git.TreeEntry;
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
 * {@code /api/models/...} and {@code /api/datasets/...}: repository info, lists by author, settings, and
 * the tree and commits of its git history (paginated with a Link header). One resource class for the
 * prefix: JAX-RS picks one root resource per request and does not fall back to another.
 * A private repository the caller may not read answers 404, like a missing one.
 */
@Path("{kind: models|datasets}")
@Produces(MediaType.APPLICATION_JSON)
public class RepoInfoResource {

    @Inject
    RepositoryService repositories;

    @Inject
    CurrentCaller caller;

    @Inject
    GitReader git;

    @Context
    UriInfo uri;

    static final int MAX_LIMIT = 1000;

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
        return Response.ok(RepoJson.info(repo, git).build()).build();
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

    /** {@code tree/{rev}/{path}?recursive=&cursor=&limit=} → [{type, path, oid, size}] */
    @GET
    @Path("{namespace}/{name}/tree/{rev}{path: (/.*)?}")
    public Response tree(@PathParam("kind") String kind, @PathParam("namespace") String namespace, @PathParam("name") String name,
                         @PathParam("rev") String rev, @PathParam("path") String path,
                         @QueryParam("recursive") @DefaultValue("false") boolean recursive,
                         @QueryParam("cursor") @DefaultValue("0") int cursor, @QueryParam("limit") @DefaultValue("1000") int limit) {
        Repository repo = repo(kind, namespace, name);
        ObjectId commit = commit(repo, rev);
        String dir = path == null ? "" : path.replaceAll("^/+|/+$", "");
        List<TreeEntry> entries = git.tree(repo.getId(), commit, dir, recursive)
                .orElseThrow(() -> new NotFoundException("EntryNotFound", "No directory '" + dir + "' at " + rev + "."));
        int pageSize = pageSize(limit);
        int from = Math.max(0, cursor);
        JsonArrayBuilder page = Json.createArrayBuilder();
        entries.stream().skip(from).limit(pageSize).forEach(e -> page.add(Json.createObjectBuilder()
                .add("type", e.type()).add("path", e.path()).add("oid", e.oid()).add("size", e.size())));
        Response.ResponseBuilder response = Response.ok(page.build());
        if (from + pageSize < entries.size()) {
            response.header("Link", "<" + uri.getRequestUriBuilder().replaceQueryParam("cursor", from + pageSize).build() + ">; rel=\"next\"");
        }
        return response.build();
    }

    /** {@code commits/{rev}?p=&limit=} → [{id, title, message, authors:[{user}], date}] */
    @GET
    @Path("{namespace}/{name}/commits/{rev}")
    public Response commits(@PathParam("kind") String kind, @PathParam("namespace") String namespace, @PathParam("name") String name,
                            @PathParam("rev") String rev, @QueryParam("p") @DefaultValue("0") int page,
                            @QueryParam("limit") @DefaultValue("50") int limit) {
        Repository repo = repo(kind, namespace, name);
        int pageSize = pageSize(limit);
        if (page < 0) {
            throw new InvalidInputException("'p' must be 0 or more.");
        }
        List<CommitInfo> commits = git.commits(repo.getId(), commit(repo, rev), page * pageSize, pageSize + 1);
        JsonArrayBuilder list = Json.createArrayBuilder();
        commits.stream().limit(pageSize).forEach(c -> {
            JsonArrayBuilder authors = Json.createArrayBuilder();
            c.authors().forEach(a -> authors.add(Json.createObjectBuilder().add("user", a)));
            list.add(Json.createObjectBuilder().add("id", c.id()).add("title", c.title()).add("message", c.message())
                    .add("authors", authors).add("date", c.date().toString()));
        });
        Response.ResponseBuilder response = Response.ok(list.build());
        if (commits.size() > pageSize) {
            response.header("Link", "<" + uri.getRequestUriBuilder().replaceQueryParam("p", page + 1).build() + ">; rel=\"next\"");
        }
        return response.build();
    }

    private Repository repo(String kind, String namespace, String name) {
        return repositories.get(caller.get(), kind.equals("datasets") ? RepoType.DATASET : RepoType.MODEL, namespace, name);
    }

    private ObjectId commit(Repository repo, String rev) {
        return git.resolve(repo.getId(), rev).orElseThrow(() -> new NotFoundException("RevisionNotFound", "Invalid rev id: " + rev));
    }

    private static int pageSize(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("'limit' must be 1 to " + MAX_LIMIT + ".");
        }
        return limit;
    }
}
