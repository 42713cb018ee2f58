package org.hubguard.web.api;

import static org.hubguard.web.api.JsonP.JSON;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.jgit.lib.ObjectId;
import org.hubguard.access.Action;
import org.hubguard.access.InvalidInputException;
import org.hubguard.access.NotFoundException;
import org.hubguard.access.RequestRefusedException;
import org.hubguard.config.HubguardConfig;
import org.hubguard.git.CommitInfo;
import org.hubguard.git.CommitRules;
import org.hubguard.git.CommitService;
import org.hubguard.git.CommitSummary;
import org.hubguard.git.EntryNotFoundException;
import org.hubguard.git.GitReader;
import org.hubguard.git.GitRef;
import org.hubguard.git.GitStorage;
import org.hubguard.git.LfsAttributes;
import org.hubguard.git.RefService;
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
 * {@link RepositoriesApi}, which resolved the repository and the caller's permissions: info (at a revision),
 * settings, tree, paths-info and commits (paginated with a Link header), refs, branches and tags, and the
 * Hub's commit API. Revisions are branches, tags or full commit ids, URL-encoded ({@code refs%2Fpr%2F1}) or not.
 */
@Dependent
@Produces(MediaType.APPLICATION_JSON)
public class RepositoryApi {

    static final int MAX_LIMIT = 1000;
    /** With expand, each tree entry costs a history walk (lastCommit): smaller pages, as the Hub's. */
    static final int EXPANDED_TREE_PAGE = 50;

    @Inject
    RepositoryService repositories;

    @Inject
    GitReader git;

    @Inject
    CommitService commits;

    @Inject
    RefService refs;

    @Inject
    SignatureService signatures;

    @Inject
    ScanService scans;

    @Inject
    RepoInfoJson infoJson;

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

    /** Repo info at the default branch: {@code ?blobs=true}, {@code ?securityStatus=true}, {@code ?expand=}. */
    @GET
    public Response info(@QueryParam("securityStatus") @DefaultValue("false") boolean securityStatus,
                         @QueryParam("blobs") @DefaultValue("false") boolean blobs,
                         @QueryParam("expand") List<String> expand, @QueryParam("expand[]") List<String> expandBrackets) {
        return info(GitStorage.MAIN, securityStatus, blobs, expand, expandBrackets);
    }

    /** Repo info at a revision; {@code HEAD} is the default branch. An unknown revision: 404 RevisionNotFound. */
    @GET
    @Path("revision/{rev: .+}")
    public Response info(@PathParam("rev") String rev,
                         @QueryParam("securityStatus") @DefaultValue("false") boolean securityStatus,
                         @QueryParam("blobs") @DefaultValue("false") boolean blobs,
                         @QueryParam("expand") List<String> expand, @QueryParam("expand[]") List<String> expandBrackets) {
        Set<String> fields = RepoInfoJson.fields(repo.repository().getType(), RepoInfoJson.View.INFO, concat(expand, expandBrackets));
        if (securityStatus) {
            fields.add("securityRepoStatus");
        }
        return Response.ok(infoJson.build(repo.repository(), commit(rev), fields, blobs)).build();
    }

    /** {private: bool} or {visibility: "public"|"private"}, {requireSignedCommits: bool}, {protectDefaultBranch: bool}, {blockUnsafeDownloads: bool}, {allowSecrets: bool}; gated access does not exist here. */
    @PUT
    @Path("settings")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response settings(JsonObject body) {
        JsonBodies.required(body);
        JsonValue gated = body.get("gated");
        if (gated != null && gated.getValueType() != JsonValue.ValueType.FALSE && gated.getValueType() != JsonValue.ValueType.NULL) {
            throw new InvalidInputException("Gated access is not available on hubguard: a repository is public, or private "
                    + "to its namespace and the tokens it grants. Make it private instead.");
        }
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
        Boolean blockUnsafe = JsonBodies.bool(body, "blockUnsafeDownloads");
        Boolean allowSecrets = JsonBodies.bool(body, "allowSecrets");
        if (isPrivate == null && requireSigned == null && protectMain == null && blockUnsafe == null && allowSecrets == null && gated == null) {
            throw new InvalidInputException("Send {\"private\": true|false}, {\"visibility\": \"public\"|\"private\"}, "
                    + "{\"requireSignedCommits\": true|false}, {\"protectDefaultBranch\": true|false}, {\"blockUnsafeDownloads\": true|false}"
                    + " or {\"allowSecrets\": true|false}.");
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
        if (blockUnsafe != null) {
            changed = repositories.setBlockUnsafeDownloads(repo, blockUnsafe);
        }
        if (allowSecrets != null) {
            changed = repositories.setAllowSecrets(repo, allowSecrets);
        }
        return Response.ok(RepoJson.info(changed).add("requireSignedCommits", changed.isRequireSigned())
                .add("protectDefaultBranch", changed.isProtectDefaultBranch())
                .add("blockUnsafeDownloads", changed.isBlockUnsafeDownloads())
                .add("allowSecrets", changed.isAllowSecrets()).build()).build();
    }

    /**
     * {@code tree/{rev}/{path}?recursive=&expand=&cursor=&limit=} → [{type, path, oid, size, lfs?, securityFileStatus,
     * lastCommit (expand)}]. The revision may itself contain slashes: the shortest leading part that names a
     * revision is the revision, the rest the path.
     */
    @GET
    @Path("tree/{revisionAndPath: .+}")
    public Response tree(@PathParam("revisionAndPath") String revisionAndPath,
                         @QueryParam("recursive") @DefaultValue("false") boolean recursive,
                         @QueryParam("expand") @DefaultValue("false") boolean expand,
                         @QueryParam("cursor") @DefaultValue("0") int cursor, @QueryParam("limit") Integer limit,
                         @Context UriInfo uri) {
        RevisionPath target = revisionPath(revisionAndPath);
        List<TreeEntry> entries = git.tree(repo.id(), target.commit(), target.path(), recursive)
                .orElseThrow(() -> new EntryNotFoundException("No directory '" + target.path() + "' at " + target.revision() + ".",
                        target.commit().name()));
        int pageSize = pageSize(limit == null ? (expand ? EXPANDED_TREE_PAGE : MAX_LIMIT) : limit);
        int from = Math.max(0, cursor);
        List<TreeEntry> shown = entries.stream().skip(from).limit(pageSize).toList();
        JsonArrayBuilder page = entriesJson(target.commit(), shown, expand);
        Response.ResponseBuilder response = Response.ok(page.build());
        if (from + pageSize < entries.size()) {
            response.header("Link", "<" + uri.getRequestUriBuilder().replaceQueryParam("cursor", from + pageSize).build() + ">; rel=\"next\"");
        }
        return response.build();
    }

    /** huggingface_hub: form-encoded {@code paths=a&paths=b&expand=true}. */
    @POST
    @Path("paths-info/{rev: .+}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response pathsInfo(@PathParam("rev") String rev, MultivaluedMap<String, String> form) {
        List<String> paths = new ArrayList<>();
        Stream.of("paths", "paths[]").map(form::get).filter(java.util.Objects::nonNull).forEach(paths::addAll);
        return pathsInfo(rev, paths, "true".equalsIgnoreCase(form.getFirst("expand")));
    }

    /** @huggingface/hub: JSON {@code {"paths": [...], "expand": bool?}}. */
    @POST
    @Path("paths-info/{rev: .+}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response pathsInfo(@PathParam("rev") String rev, JsonObject body) {
        JsonBodies.required(body);
        if (!(body.get("paths") instanceof JsonArray paths) || !paths.stream().allMatch(JsonString.class::isInstance)) {
            throw new InvalidInputException("Send {\"paths\": [\"a file or folder\", ...], \"expand\": true|false}.");
        }
        Boolean expand = JsonBodies.bool(body, "expand");
        return pathsInfo(rev, paths.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList(), Boolean.TRUE.equals(expand));
    }

    /** The entries of the paths that exist, as the tree API shows them; missing paths are left out. */
    private Response pathsInfo(String rev, List<String> paths, boolean expand) {
        if (paths.size() > MAX_LIMIT) {
            throw new InvalidInputException("Ask for at most " + MAX_LIMIT + " paths at once.");
        }
        ObjectId commit = commit(rev);
        List<TreeEntry> found = paths.stream().map(p -> p.replaceAll("^/+|/+$", "")).filter(p -> !p.isEmpty()).distinct()
                .map(p -> git.entry(repo.id(), commit, p)).flatMap(java.util.Optional::stream).toList();
        return Response.ok(entriesJson(commit, found, expand).build()).build();
    }

    private JsonArrayBuilder entriesJson(ObjectId commit, List<TreeEntry> entries, boolean expand) {
        scans.queueFiles(repo.id(), entries); // a visit queues every listed file without a current result
        Map<String, FileSecurity> security = scans.securityOf(entries);
        Map<String, CommitSummary> lastCommits = expand
                ? git.lastCommits(repo.id(), commit, entries.stream().map(TreeEntry::path).toList()) : Map.of();
        JsonArrayBuilder list = JSON.createArrayBuilder();
        entries.forEach(e -> list.add(TreeJson.entry(e, security.get(e.contentId()), lastCommits.get(e.path()))));
        return list;
    }

    /**
     * {@code commits/{rev}?p=&limit=} → [{id, title, message, authors:[{user}], date, signature}], newest first,
     * with {@code X-Total-Count} (every commit of the revision) and a Link to the next page.
     */
    @GET
    @Path("commits/{rev: .+}")
    public Response commits(@PathParam("rev") String rev, @QueryParam("p") @DefaultValue("0") int page,
                            @QueryParam("limit") @DefaultValue("50") int limit, @Context UriInfo uri) {
        int pageSize = pageSize(limit);
        if (page < 0) {
            throw new InvalidInputException("'p' must be 0 or more.");
        }
        ObjectId head = commit(rev);
        List<CommitInfo> history = git.commits(repo.id(), head, page * pageSize, pageSize + 1);
        JsonArrayBuilder list = JSON.createArrayBuilder();
        history.stream().limit(pageSize).forEach(c -> {
            JsonArrayBuilder authors = JSON.createArrayBuilder();
            c.authors().forEach(a -> authors.add(JSON.createObjectBuilder().add("user", a)));
            SignatureCheck signature = signatures.check(c.id(), c.raw(), c.committerEmail());
            list.add(JSON.createObjectBuilder().add("id", c.id()).add("title", c.title()).add("message", c.message())
                    .add("authors", authors).add("date", HubDates.format(c.date()))
                    .add("signature", JSON.createObjectBuilder()
                            .add("status", signature.status().name())
                            .add("reason", nullable(signature.reason()))
                            .add("keyFingerprint", nullable(signature.keyFingerprint()))
                            .add("signer", nullable(signature.signer()))));
        });
        Response.ResponseBuilder response = Response.ok(list.build()).header("X-Total-Count", git.countCommits(repo.id(), head));
        if (history.size() > pageSize) {
            response.header("Link", "<" + uri.getRequestUriBuilder().replaceQueryParam("p", page + 1).build() + ">; rel=\"next\"");
        }
        return response.build();
    }

    /** {branches, tags, converts: [], pullRequests: [] (with include_prs)}: items {name, ref, targetCommit}. */
    @GET
    @Path("refs")
    public Response refs(@QueryParam("include_prs") String includePrs) {
        RefService.RefList list = refs.list(repo);
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("branches", refsJson(list.branches()))
                .add("converts", JSON.createArrayBuilder())
                .add("tags", refsJson(list.tags()));
        if (includePrs != null && !includePrs.equals("0") && !includePrs.equalsIgnoreCase("false")) {
            json.add("pullRequests", JSON.createArrayBuilder()); // hubguard has no pull requests
        }
        return Response.ok(json.build()).build();
    }

    /** {startingPoint?: rev, emptyBranch?: bool, overwrite?: bool}: an existing branch is 409 unless overwrite. */
    @POST
    @Path("branch/{branch: .+}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createBranch(@PathParam("branch") String branch, JsonObject body) {
        JsonObject options = body == null ? JsonValue.EMPTY_JSON_OBJECT : body;
        GitRef created = refs.createBranch(repo, branch, JsonBodies.string(options, "startingPoint"),
                Boolean.TRUE.equals(JsonBodies.bool(options, "emptyBranch")), Boolean.TRUE.equals(JsonBodies.bool(options, "overwrite")));
        return Response.ok(refJson(created).build()).build();
    }

    @DELETE
    @Path("branch/{branch: .+}")
    public Response deleteBranch(@PathParam("branch") String branch) {
        refs.deleteBranch(repo, branch);
        return Response.ok(JsonValue.EMPTY_JSON_OBJECT).build();
    }

    /** {tag, message?}: tags the revision with an annotated tag signed by hubguard; an existing tag is 409. */
    @POST
    @Path("tag/{rev: .+}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createTag(@PathParam("rev") String rev, JsonObject body) {
        JsonBodies.required(body);
        GitRef created = refs.createTag(repo, rev, JsonBodies.requiredString(body, "tag"), JsonBodies.string(body, "message"));
        return Response.ok(refJson(created).build()).build();
    }

    @DELETE
    @Path("tag/{tag: .+}")
    public Response deleteTag(@PathParam("tag") String tag) {
        refs.deleteTag(repo, tag);
        return Response.ok(JsonValue.EMPTY_JSON_OBJECT).build();
    }

    /** Discussions and pull requests do not exist on hubguard: a clear 501 instead of a silent nothing. */
    @GET
    @Path("discussions{rest: (/.*)?}")
    public Response discussions() {
        throw noDiscussions();
    }

    @POST
    @Path("discussions{rest: (/.*)?}")
    public Response startDiscussion() {
        throw noDiscussions();
    }

    private static RequestRefusedException noDiscussions() {
        return new RequestRefusedException(501, "Discussions and pull requests are not available on hubguard: "
                + "push to a branch (create_branch, then commit with revision=<branch>) instead.");
    }

    /**
     * {files:[{path, size, sample}]} → {files:[{path, uploadMode, shouldIgnore:false}], commitOid}: "lfs" for files
     * that belong in Git LFS (larger than git's limit, or marked so by the .gitattributes), except for clients
     * that would then insist on Xet storage, which hubguard does not have: they send every file inline and
     * the commit API keeps the large ones in LFS itself.
     */
    @POST
    @Path("preupload/{rev: .+}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response preupload(@PathParam("rev") String rev, JsonObject body, @HeaderParam("User-Agent") String userAgent,
                              @QueryParam("create_pr") String createPr) {
        refusePullRequest(createPr);
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
        JsonArrayBuilder modes = JSON.createArrayBuilder();
        for (int i = 0; i < paths.size(); i++) {
            boolean lfs = !inlineOnly && rules.belongsInLfs(paths.get(i), sizes.get(i), attributes);
            modes.add(JSON.createObjectBuilder().add("path", paths.get(i)).add("uploadMode", lfs ? "lfs" : "regular").add("shouldIgnore", false));
        }
        return Response.ok(JSON.createObjectBuilder().add("files", modes).add("commitOid", head.name()).build()).build();
    }

    /**
     * NDJSON lines {"key":"header","value":{summary, description?, parentCommit?}}, {"key":"file","value":{path,
     * content, encoding:"base64"}}, {"key":"lfsFile","value":{path, algo:"sha256", oid, size}},
     * {"key":"deletedFile","value":{path}}, {"key":"deletedFolder","value":{path}} → {success, commitOid, commitUrl}.
     * The header may carry {@code secretScanningBypass: "false-positive"} to let a refused secret through.
     * The body streams: file content goes to temporary files as it arrives.
     */
    @POST
    @Path("commit/{rev: .+}")
    @Consumes({"application/x-ndjson", MediaType.APPLICATION_JSON})
    public Response commit(@PathParam("rev") String rev, @QueryParam("create_pr") String createPr, InputStream body,
                           @Context HttpServletRequest request) throws IOException {
        refusePullRequest(createPr);
        repo.require(Action.WRITE_REPO); // before a byte of the body is stored
        String oid;
        try (NdjsonCommit parsed = NdjsonCommit.read(body, lfsStore, config.lfsMaxFileSize())) {
            oid = commits.commit(repo, rev, parsed.summary(), parsed.description(), parsed.parentCommit(), parsed.changes(),
                    parsed.secretScanningBypass());
        }
        return Response.ok(JSON.createObjectBuilder()
                .add("success", true)
                .add("commitOid", oid)
                .add("commitUrl", baseUrl.of(request) + repo.repository().getPath() + "/commit/" + oid)
                .add("hookOutput", "")
                .build()).build();
    }

    private static void refusePullRequest(String createPr) {
        if (createPr != null && !createPr.equals("0") && !createPr.equalsIgnoreCase("false")) {
            throw new InvalidInputException("Pull requests are not available on hubguard yet; commit to a branch.");
        }
    }

    private ObjectId commit(String rev) {
        return git.resolve(repo.id(), rev).orElseThrow(() -> new NotFoundException("RevisionNotFound", "Invalid rev id: " + rev));
    }

    /** A revision and a path inside it, from "rev/path" where the revision may contain slashes. */
    private record RevisionPath(String revision, ObjectId commit, String path) {
    }

    private RevisionPath revisionPath(String revisionAndPath) {
        String[] parts = revisionAndPath.split("/", -1);
        for (int i = 1; i <= parts.length; i++) {
            String revision = String.join("/", List.of(parts).subList(0, i));
            var commit = git.resolve(repo.id(), revision);
            if (commit.isPresent()) {
                String path = String.join("/", List.of(parts).subList(i, parts.length)).replaceAll("^/+|/+$", "");
                return new RevisionPath(revision, commit.get(), path);
            }
        }
        throw new NotFoundException("RevisionNotFound", "Invalid rev id: " + parts[0]);
    }

    private static JsonArrayBuilder refsJson(List<GitRef> list) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        list.forEach(ref -> array.add(refJson(ref)));
        return array;
    }

    private static JsonObjectBuilder refJson(GitRef ref) {
        return JSON.createObjectBuilder().add("name", ref.name()).add("ref", ref.ref()).add("targetCommit", ref.targetCommit());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).flatMap(v -> Stream.of(v.split(","))).map(String::strip)
                .filter(v -> !v.isEmpty()).distinct().toList();
    }

    private static JsonValue nullable(String value) {
        return value == null ? JsonValue.NULL : JSON.createValue(value);
    }

    private static int pageSize(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("'limit' must be 1 to " + MAX_LIMIT + ".");
        }
        return limit;
    }
}
