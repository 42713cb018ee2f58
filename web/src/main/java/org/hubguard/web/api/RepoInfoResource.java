package org.hubguard.web.api;

import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import jakarta.ws.rs.POST;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.jgit.lib.ObjectId;
import org.hubguard.access.NotFoundException;
import org.hubguard.git.CommitInfo;
import org.hubguard.git.CommitService;
import org.hubguard.git.GitReader;
import org.hubguard.scanning.FileSecurity;
import org.hubguard.scanning.ScanService;
import org.hubguard.signing.SignatureCheck;
import org.hubguard.signing.SignatureService;
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

    @Inject
    CommitService commits;

    @Inject
    SignatureService signatures;

    @Inject
    ScanService scans;

    @Context
    jakarta.servlet.http.HttpServletRequest request;

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
    public Response info(@PathParam("kind") String kind, @PathParam("namespace") String namespace, @PathParam("name") String name,
                         @QueryParam("securityStatus") @DefaultValue("false") boolean securityStatus) {
        Repository repo = repositories.get(caller.get(), type(kind), namespace, name);
        jakarta.json.JsonObjectBuilder info = RepoJson.info(repo, git);
        if (securityStatus) {
            info.add("securityRepoStatus", repoSecurity(repo));
        }
        return Response.ok(info.build()).build();
    }

    /** {scansDone, filesWithIssues: [{path, status}]} over the files of main; queues what is not scanned yet. */
    private jakarta.json.JsonObjectBuilder repoSecurity(Repository repo) {
        List<TreeEntry> files = git.resolve(repo.getId(), org.hubguard.git.GitStorage.MAIN)
                .flatMap(head -> git.tree(repo.getId(), head, "", true)).orElse(List.of())
                .stream().filter(TreeEntry::isFile).toList();
        scans.queueFiles(repo.getId(), files);
        java.util.Map<String, FileSecurity> security = scans.securityOf(files);
        JsonArrayBuilder issues = Json.createArrayBuilder();
        boolean done = true;
        for (TreeEntry file : files) {
            FileSecurity s = security.get(file.oid());
            done &= !s.status().equals("pending");
            if (s.status().equals("infected") || s.status().equals("error")) {
                issues.add(Json.createObjectBuilder().add("path", file.path()).add("status", s.status()));
            }
        }
        return Json.createObjectBuilder().add("scansDone", done).add("filesWithIssues", issues);
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
        Boolean requireSigned = JsonBodies.bool(body, "requireSignedCommits");
        if (isPrivate == null && requireSigned == null) {
            throw new InvalidInputException("Send {\"private\": true|false}, {\"visibility\": \"public\"|\"private\"} or {\"requireSignedCommits\": true|false}.");
        }
        Repository repo = repositories.get(caller.get(), type(kind), namespace, name);
        if (isPrivate != null) {
            repo = repositories.setVisibility(caller.get(), type(kind), namespace, name, isPrivate);
        }
        if (requireSigned != null) {
            repo = repositories.setRequireSigned(caller.get(), type(kind), namespace, name, requireSigned);
        }
        return Response.ok(RepoJson.info(repo).add("requireSignedCommits", repo.isRequireSigned()).build()).build();
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
        List<TreeEntry> shown = entries.stream().skip(from).limit(pageSize).toList();
        scans.queueFiles(repo.getId(), shown); // a visit queues every listed file without a current result
        java.util.Map<String, FileSecurity> security = scans.securityOf(shown);
        JsonArrayBuilder page = Json.createArrayBuilder();
        shown.forEach(e -> {
            jakarta.json.JsonObjectBuilder item = Json.createObjectBuilder()
                    .add("type", e.type()).add("path", e.path()).add("oid", e.oid()).add("size", e.size());
            if (e.isFile()) {
                item.add("securityFileStatus", securityJson(security.get(e.oid())));
            }
            page.add(item);
        });
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
            SignatureCheck signature = signatures.check(c.id(), c.raw(), c.committerEmail());
            list.add(Json.createObjectBuilder().add("id", c.id()).add("title", c.title()).add("message", c.message())
                    .add("authors", authors).add("date", c.date().toString())
                    .add("signature", Json.createObjectBuilder()
                            .add("status", signature.status().name())
                            .add("reason", nullable(signature.reason()))
                            .add("keyFingerprint", nullable(signature.keyFingerprint()))
                            .add("signer", nullable(signature.signer()))));
        });
        Response.ResponseBuilder response = Response.ok(list.build());
        if (commits.size() > pageSize) {
            response.header("Link", "<" + uri.getRequestUriBuilder().replaceQueryParam("p", page + 1).build() + ">; rel=\"next\"");
        }
        return response.build();
    }

    /** {files:[{path, size, sample}]} → {files:[{path, uploadMode:"regular", shouldIgnore:false}], commitOid} */
    @POST
    @Path("{namespace}/{name}/preupload/{rev}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response preupload(@PathParam("kind") String kind, @PathParam("namespace") String namespace, @PathParam("name") String name,
                              @PathParam("rev") String rev, JsonObject body) {
        Repository repo = repo(kind, namespace, name);
        JsonBodies.required(body);
        if (!(body.get("files") instanceof JsonArray files)) {
            throw new InvalidInputException("Send {\"files\": [{\"path\", \"size\", \"sample\"}]}.");
        }
        List<String> paths = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (JsonValue file : files) {
            if (!(file instanceof JsonObject entry)) {
                throw new InvalidInputException("Each entry of 'files' must be an object.");
            }
            paths.add(JsonBodies.requiredString(entry, "path"));
            sizes.add(entry.containsKey("size") && entry.get("size") instanceof JsonNumber size ? size.longValue() : 0L);
        }
        commits.checkUpload(caller.get(), repo, paths, sizes);
        ObjectId head = commit(repo, rev);
        JsonArrayBuilder modes = Json.createArrayBuilder();
        paths.forEach(path -> modes.add(Json.createObjectBuilder().add("path", path).add("uploadMode", "regular").add("shouldIgnore", false)));
        return Response.ok(Json.createObjectBuilder().add("files", modes).add("commitOid", head.name()).build()).build();
    }

    /**
     * NDJSON lines {"key":"header","value":{summary, description?, parentCommit?}}, {"key":"file","value":{path,
     * content, encoding:"base64"}}, {"key":"deletedFile","value":{path}}, {"key":"deletedFolder","value":{path}}
     * → {success, commitOid, commitUrl}
     */
    @POST
    @Path("{namespace}/{name}/commit/{rev}")
    @Consumes({"application/x-ndjson", MediaType.APPLICATION_JSON})
    public Response commitFiles(@PathParam("kind") String kind, @PathParam("namespace") String namespace, @PathParam("name") String name,
                                @PathParam("rev") String rev, @QueryParam("create_pr") String createPr, String body) {
        Repository repo = repo(kind, namespace, name);
        if (createPr != null && !createPr.equals("0") && !createPr.equals("false")) {
            throw new InvalidInputException("Pull requests are not available on hubguard yet; commit to a branch.");
        }
        NdjsonCommit parsed = NdjsonCommit.parse(body);
        String oid = commits.commit(caller.get(), repo, rev, parsed.summary(), parsed.description(), parsed.parentCommit(), parsed.changes());
        return Response.ok(Json.createObjectBuilder()
                .add("success", true)
                .add("commitOid", oid)
                .add("commitUrl", org.hubguard.web.BaseUrl.of(request) + repo.getPath() + "/commit/" + oid)
                .add("hookOutput", "")
                .build()).build();
    }

    private Repository repo(String kind, String namespace, String name) {
        return repositories.get(caller.get(), kind.equals("datasets") ? RepoType.DATASET : RepoType.MODEL, namespace, name);
    }

    private ObjectId commit(Repository repo, String rev) {
        return git.resolve(repo.getId(), rev).orElseThrow(() -> new NotFoundException("RevisionNotFound", "Invalid rev id: " + rev));
    }

    /** {status, avScan:{virusFound, virusNames}, pickleImportScan?:{highestSafetyLevel, imports}, error?} */
    static jakarta.json.JsonObjectBuilder securityJson(FileSecurity security) {
        JsonArrayBuilder viruses = Json.createArrayBuilder();
        security.virusNames().forEach(viruses::add);
        jakarta.json.JsonObjectBuilder json = Json.createObjectBuilder()
                .add("status", security.status())
                .add("avScan", Json.createObjectBuilder().add("virusFound", !security.virusNames().isEmpty()).add("virusNames", viruses));
        if (security.pickleHighest() != null) {
            JsonArrayBuilder imports = Json.createArrayBuilder();
            security.pickleImports().forEach(i -> imports.add(Json.createObjectBuilder()
                    .add("module", i.module()).add("name", i.name()).add("safety", i.safety().wireName())));
            json.add("pickleImportScan", Json.createObjectBuilder().add("highestSafetyLevel", security.pickleHighest()).add("imports", imports));
        }
        if (security.error() != null) {
            json.add("error", security.error());
        }
        return json;
    }

    private static JsonValue nullable(String value) {
        return value == null ? JsonValue.NULL : Json.createValue(value);
    }

    private static int pageSize(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("'limit' must be 1 to " + MAX_LIMIT + ".");
        }
        return limit;
    }
}
