package org.hubguard.web.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.jgit.lib.ObjectId;
import org.hubguard.access.Action;
import org.hubguard.access.InvalidInputException;
import org.hubguard.access.NotFoundException;
import org.hubguard.config.HubguardConfig;
import org.hubguard.git.CommitInfo;
import org.hubguard.git.CommitRules;
import org.hubguard.git.CommitService;
import org.hubguard.git.GitReader;
import org.hubguard.git.GitStorage;
import org.hubguard.git.LfsAttributes;
import org.hubguard.git.TreeEntry;
import org.hubguard.lfs.LfsStore;
import org.hubguard.repos.RepoContext;
import org.hubguard.repos.Repository;
import org.hubguard.repos.RepositoryService;
import org.hubguard.scanning.FileSecurity;
import org.hubguard.scanning.ScanService;
import org.hubguard.signing.SignatureCheck;
import org.hubguard.signing.SignatureService;
import org.hubguard.web.BaseUrl;

/**
 * One repository's API ({@code /api/models/{ns}/{name}/...}, datasets alike), reached through
 * {@link RepositoriesApi}, which resolved the repository and the caller's permissions: info, settings, the
 * tree and commits of its history (paginated with a Link header), and the Hub's commit API.
 */
@Dependent
@Produces(MediaType.APPLICATION_JSON)
public class RepositoryApi {

    static final int MAX_LIMIT = 1000;

    @Inject
    RepositoryService repositories;

    @Inject
    GitReader git;

    @Inject
    CommitService commits;

    @Inject
    SignatureService signatures;

    @Inject
    ScanService scans;

    @Inject
    BaseUrl baseUrl;

    @Inject
    CommitRules rules;

    @Inject
    LfsStore lfsStore;

    @Inject
    HubguardConfig config;

    private RepoContext repo;

    RepositoryApi of(RepoContext repo) {
        this.repo = repo;
        return this;
    }

    @GET
    public Response info(@QueryParam("securityStatus") @DefaultValue("false") boolean securityStatus) {
        JsonObjectBuilder info = RepoJson.info(repo.repository(), git);
        if (securityStatus) {
            info.add("securityRepoStatus", repoSecurity());
        }
        return Response.ok(info.build()).build();
    }

    /** {scansDone, filesWithIssues: [{path, status}]} over the files of main; queues what is not scanned yet. */
    private JsonObjectBuilder repoSecurity() {
        List<TreeEntry> files = git.resolve(repo.id(), GitStorage.MAIN)
                .flatMap(head -> git.tree(repo.id(), head, "", true)).orElse(List.of())
                .stream().filter(TreeEntry::isFile).toList();
        scans.queueFiles(repo.id(), files);
        Map<String, FileSecurity> security = scans.securityOf(files);
        JsonArrayBuilder issues = Json.createArrayBuilder();
        boolean done = true;
        for (TreeEntry file : files) {
            FileSecurity s = security.get(file.contentId());
            done &= !s.status().equals("pending");
            if (s.status().equals("infected") || s.status().equals("error")) {
                issues.add(Json.createObjectBuilder().add("path", file.path()).add("status", s.status()));
            }
        }
        return Json.createObjectBuilder().add("scansDone", done).add("filesWithIssues", issues);
    }

    /** {private: bool} or {visibility: "public"|"private"}, and/or {requireSignedCommits: bool} */
    @PUT
    @Path("settings")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response settings(JsonObject body) {
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
        Boolean protectMain = JsonBodies.bool(body, "protectDefaultBranch");
        if (isPrivate == null && requireSigned == null && protectMain == null) {
            throw new InvalidInputException("Send {\"private\": true|false}, {\"visibility\": \"public\"|\"private\"}, "
                    + "{\"requireSignedCommits\": true|false} or {\"protectDefaultBranch\": true|false}.");
        }
        Repository changed = repo.repository();
        if (isPrivate != null) {
            changed = repositories.setVisibility(repo, isPrivate);
        }
        if (requireSigned != null) {
            changed = repositories.setRequireSigned(repo, requireSigned);
        }
        if (protectMain != null) {
            changed = repositories.setProtectDefaultBranch(repo, protectMain);
        }
        return Response.ok(RepoJson.info(changed).add("requireSignedCommits", changed.isRequireSigned())
                .add("protectDefaultBranch", changed.isProtectDefaultBranch()).build()).build();
    }

    /** {@code tree/{rev}/{path}?recursive=&cursor=&limit=} → [{type, path, oid, size, securityFileStatus}] */
    @GET
    @Path("tree/{rev}{path: (/.*)?}")
    public Response tree(@PathParam("rev") String rev, @PathParam("path") String path,
                         @QueryParam("recursive") @DefaultValue("false") boolean recursive,
                         @QueryParam("cursor") @DefaultValue("0") int cursor, @QueryParam("limit") @DefaultValue("1000") int limit,
                         @Context UriInfo uri) {
        ObjectId commit = commit(rev);
        String dir = path == null ? "" : path.replaceAll("^/+|/+$", "");
        List<TreeEntry> entries = git.tree(repo.id(), commit, dir, recursive)
                .orElseThrow(() -> new NotFoundException("EntryNotFound", "No directory '" + dir + "' at " + rev + "."));
        int pageSize = pageSize(limit);
        int from = Math.max(0, cursor);
        List<TreeEntry> shown = entries.stream().skip(from).limit(pageSize).toList();
        scans.queueFiles(repo.id(), shown); // a visit queues every listed file without a current result
        Map<String, FileSecurity> security = scans.securityOf(shown);
        JsonArrayBuilder page = Json.createArrayBuilder();
        shown.forEach(e -> {
            JsonObjectBuilder item = Json.createObjectBuilder()
                    .add("type", e.type()).add("path", e.path()).add("oid", e.oid()).add("size", e.contentSize());
            if (e.isLfs()) {
                item.add("lfs", Json.createObjectBuilder().add("oid", e.lfs().oid()).add("size", e.lfs().size()).add("pointerSize", e.size()));
            }
            if (e.isFile()) {
                item.add("securityFileStatus", SecurityJson.of(security.get(e.contentId())));
            }
            page.add(item);
        });
        Response.ResponseBuilder response = Response.ok(page.build());
        if (from + pageSize < entries.size()) {
            response.header("Link", "<" + uri.getRequestUriBuilder().replaceQueryParam("cursor", from + pageSize).build() + ">; rel=\"next\"");
        }
        return response.build();
    }

    /** {@code commits/{rev}?p=&limit=} → [{id, title, message, authors:[{user}], date, signature}] */
    @GET
    @Path("commits/{rev}")
    public Response commits(@PathParam("rev") String rev, @QueryParam("p") @DefaultValue("0") int page,
                            @QueryParam("limit") @DefaultValue("50") int limit, @Context UriInfo uri) {
        int pageSize = pageSize(limit);
        if (page < 0) {
            throw new InvalidInputException("'p' must be 0 or more.");
        }
        List<CommitInfo> history = git.commits(repo.id(), commit(rev), page * pageSize, pageSize + 1);
        JsonArrayBuilder list = Json.createArrayBuilder();
        history.stream().limit(pageSize).forEach(c -> {
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
        if (history.size() > pageSize) {
            response.header("Link", "<" + uri.getRequestUriBuilder().replaceQueryParam("p", page + 1).build() + ">; rel=\"next\"");
        }
        return response.build();
    }

    /**
     * {files:[{path, size, sample}]} → {files:[{path, uploadMode, shouldIgnore:false}], commitOid}: "lfs" for files
     * that belong in Git LFS (larger than git's limit, or marked so by the .gitattributes), except for clients
     * that would then insist on Xet storage, which hubguard does not have: they send every file inline and
     * the commit API keeps the large ones in LFS itself.
     */
    @POST
    @Path("preupload/{rev}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response preupload(@PathParam("rev") String rev, JsonObject body, @HeaderParam("User-Agent") String userAgent) {
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
            sizes.add(entry.get("size") instanceof JsonNumber size ? size.longValue() : 0L);
        }
        commits.checkUpload(repo, paths, sizes);
        ObjectId head = commit(rev);
        LfsAttributes attributes = git.lfsAttributes(repo.id(), head);
        boolean inlineOnly = UploadClients.insistsOnXet(userAgent);
        JsonArrayBuilder modes = Json.createArrayBuilder();
        for (int i = 0; i < paths.size(); i++) {
            boolean lfs = !inlineOnly && rules.belongsInLfs(paths.get(i), sizes.get(i), attributes);
            modes.add(Json.createObjectBuilder().add("path", paths.get(i)).add("uploadMode", lfs ? "lfs" : "regular").add("shouldIgnore", false));
        }
        return Response.ok(Json.createObjectBuilder().add("files", modes).add("commitOid", head.name()).build()).build();
    }

    /**
     * NDJSON lines {"key":"header","value":{summary, description?, parentCommit?}}, {"key":"file","value":{path,
     * content, encoding:"base64"}}, {"key":"lfsFile","value":{path, algo:"sha256", oid, size}},
     * {"key":"deletedFile","value":{path}}, {"key":"deletedFolder","value":{path}} → {success, commitOid, commitUrl}.
     * The body streams: file content goes to temporary files as it arrives.
     */
    @POST
    @Path("commit/{rev}")
    @Consumes({"application/x-ndjson", MediaType.APPLICATION_JSON})
    public Response commit(@PathParam("rev") String rev, @QueryParam("create_pr") String createPr, InputStream body,
                           @Context HttpServletRequest request) throws IOException {
        if (createPr != null && !createPr.equals("0") && !createPr.equals("false")) {
            throw new InvalidInputException("Pull requests are not available on hubguard yet; commit to a branch.");
        }
        repo.require(Action.WRITE_REPO); // before a byte of the body is stored
        String oid;
        try (NdjsonCommit parsed = NdjsonCommit.read(body, lfsStore, config.lfsMaxFileSize())) {
            oid = commits.commit(repo, rev, parsed.summary(), parsed.description(), parsed.parentCommit(), parsed.changes());
        }
        return Response.ok(Json.createObjectBuilder()
                .add("success", true)
                .add("commitOid", oid)
                .add("commitUrl", baseUrl.of(request) + repo.repository().getPath() + "/commit/" + oid)
                .add("hookOutput", "")
                .build()).build();
    }

    private ObjectId commit(String rev) {
        return git.resolve(repo.id(), rev).orElseThrow(() -> new NotFoundException("RevisionNotFound", "Invalid rev id: " + rev));
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
