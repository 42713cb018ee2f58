package org.hubguard.web.api;

import static org.hubguard.web.api.JsonP.JSON;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.hubguard.access.InvalidInputException;
import org.hubguard.repos.RepoContext;
import org.hubguard.repos.RepoType;
import org.hubguard.repos.RepositoryService;
import org.hubguard.web.auth.CurrentCaller;

/**
 * {@code /api/models} and {@code /api/datasets}: the Hub's search and listing, and the entry to one
 * repository's API. The repository is resolved here once, with the caller's permissions ({@link RepoContext});
 * a private repository the caller may not read answers 404, like a missing one. (One resource class for the
 * prefix: JAX-RS picks one root resource per request and does not fall back to another.)
 */
@Path("{kind: models|datasets}")
@Produces(MediaType.APPLICATION_JSON)
public class RepositoriesApi {

    static final int DEFAULT_LIMIT = 1000;

    @Inject
    RepositoryService repositories;

    @Inject
    CurrentCaller caller;

    @Inject
    RepoListing listing;

    @Inject
    RepoInfoJson infoJson;

    @Inject
    Instance<RepositoryApi> repositoryApi;

    /**
     * {@code ?search=&author=&filter=&pipeline_tag=&gated=&sort=&direction=&limit=&full=&cardData=&expand=} → the
     * repositories the caller may read, a page of {@code limit} at a time with a Link to the next ({@code cursor}).
     */
    @GET
    public Response list(@PathParam("kind") String kind, @QueryParam("author") String author, @QueryParam("search") List<String> search,
                         @QueryParam("filter") List<String> filter, @QueryParam("pipeline_tag") String pipelineTag,
                         @QueryParam("gated") Boolean gated, @QueryParam("sort") String sort, @QueryParam("direction") String direction,
                         @QueryParam("limit") Integer limit, @QueryParam("cursor") @DefaultValue("0") String cursor,
                         @QueryParam("full") @DefaultValue("false") boolean full, @QueryParam("cardData") @DefaultValue("false") boolean cardData,
                         @QueryParam("expand") List<String> expand, @QueryParam("expand[]") List<String> expandBrackets,
                         @Context UriInfo uri) {
        RepoType type = type(kind);
        int pageSize = limit == null ? DEFAULT_LIMIT : limit;
        if (pageSize < 1 || pageSize > DEFAULT_LIMIT) {
            throw new InvalidInputException("'limit' must be 1 to " + DEFAULT_LIMIT + ".");
        }
        int from = offset(cursor);
        List<String> expanded = Stream.concat(expand.stream(), expandBrackets.stream()).flatMap(v -> Stream.of(v.split(",")))
                .map(String::strip).filter(v -> !v.isEmpty()).distinct().toList();
        Set<String> fields = RepoInfoJson.fields(type, full ? RepoInfoJson.View.LIST_FULL : RepoInfoJson.View.LIST, expanded);
        if (cardData && expanded.isEmpty()) {
            fields.add("cardData");
        }
        List<RepoListing.Found> found = listing.search(caller.get(), new RepoListing.Query(type, author, search,
                filter.stream().flatMap(f -> Stream.of(f.split(","))).map(String::strip).filter(f -> !f.isEmpty()).toList(),
                pipelineTag, gated, sort, direction));
        JsonArrayBuilder page = JSON.createArrayBuilder();
        found.stream().skip(from).limit(pageSize).forEach(f -> page.add(infoJson.build(f.repository(), f.head(), fields, false)));
        Response.ResponseBuilder response = Response.ok(page.build());
        if (from + pageSize < found.size()) {
            response.header("Link", "<" + uri.getRequestUriBuilder().replaceQueryParam("cursor", from + pageSize).build() + ">; rel=\"next\"");
        }
        return response.build();
    }

    @Path("{namespace}/{name}")
    public RepositoryApi repository(@PathParam("kind") String kind, @PathParam("namespace") String namespace,
                                    @PathParam("name") String name) {
        return repositoryApi.get().of(repositories.context(caller.get(), type(kind), namespace, name));
    }

    static RepoType type(String kind) {
        return RepoType.fromPlural(kind).orElseThrow(() -> new InvalidInputException("The type must be models or datasets."));
    }

    private static int offset(String cursor) {
        try {
            int offset = Integer.parseInt(cursor);
            if (offset >= 0) {
                return offset;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException("'cursor' is not one this server gave out; start again without it.");
    }
}
