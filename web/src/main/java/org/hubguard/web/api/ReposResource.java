package org.hubguard.web.api;

import static org.hubguard.web.api.JsonP.JSON;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.hubguard.git.CommitRules;
import org.hubguard.git.CommitService;
import org.hubguard.git.FileChange;
import org.hubguard.repos.RepoContext;
import org.hubguard.repos.RepoIds;
import org.hubguard.repos.RepoType;
import org.hubguard.repos.Repository;
import org.hubguard.repos.RepositoryService;
import org.hubguard.web.BaseUrl;
import org.hubguard.web.auth.CurrentCaller;

/** {@code /api/repos/create|delete|move}, with the Hugging Face Hub's request and response shapes. */
@Path("repos")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ReposResource {

    @Inject
    RepositoryService repositories;

    @Inject
    CurrentCaller caller;

    @Inject
    BaseUrl baseUrl;

    @Inject
    CommitService commits;

    @Inject
    CommitRules rules;

    @Context
    HttpServletRequest request;

    /**
     * {name, organization?, type?, private? | visibility?, files?: [{path, content, encoding: "base64"}]} → {url, id, name};
     * the files (the JS client's create-with-files) are in the repository's first commit. An existing name: 409
     * with its url.
     */
    @POST
    @Path("create")
    public Response create(JsonObject body) {
        JsonBodies.required(body);
        RepoType type = RepoJson.type(JsonBodies.string(body, "type"));
        List<FileChange> files = InitialFiles.of(body.get("files"));
        rules.check(files); // every file is acceptable before the repository exists
        Boolean isPrivate = JsonBodies.bool(body, "private");
        String visibility = JsonBodies.string(body, "visibility");
        if (visibility != null && !visibility.equals("public") && !visibility.equals("private")) {
            throw new org.hubguard.access.InvalidInputException("'visibility' must be 'public' or 'private'.");
        }
        boolean makePrivate = isPrivate != null ? isPrivate : "private".equals(visibility);
        Repository repo = repositories.create(caller.get(), type, JsonBodies.string(body, "organization"),
                JsonBodies.requiredString(body, "name"), makePrivate);
        if (!files.isEmpty()) {
            commits.addToInitialCommit(repositories.context(caller.get(), type, repo.getNamespaceName(), repo.getName()), files);
        }
        return Response.ok(JSON.createObjectBuilder()
                .add("url", baseUrl.of(request) + repo.getPath())
                .add("id", String.valueOf(repo.getId()))
                .add("name", repo.getFullName())
                .build()).build();
    }

    /** {name, organization?, type?} */
    @DELETE
    @Path("delete")
    public Response delete(JsonObject body) {
        JsonBodies.required(body);
        String name = JsonBodies.requiredString(body, "name");
        String organization = JsonBodies.string(body, "organization");
        String[] repoId = name.contains("/") ? RepoIds.split(name, "name")
                : new String[] {organization == null ? caller.getUsername() : organization, name};
        repositories.delete(repositories.context(caller.get(), RepoJson.type(JsonBodies.string(body, "type")), repoId[0], repoId[1]));
        return Response.ok(JSON.createObjectBuilder().build()).build();
    }

    /** {fromRepo, toRepo, type?} */
    @POST
    @Path("move")
    public Response move(JsonObject body) {
        JsonBodies.required(body);
        String[] from = RepoIds.split(JsonBodies.requiredString(body, "fromRepo"), "fromRepo");
        RepoContext source = repositories.context(caller.get(), RepoJson.type(JsonBodies.string(body, "type")), from[0], from[1]);
        Repository repo = repositories.move(source, JsonBodies.requiredString(body, "toRepo"));
        return Response.ok(JSON.createObjectBuilder().add("name", repo.getFullName())
                .add("url", baseUrl.of(request) + repo.getPath()).build()).build();
    }
}
