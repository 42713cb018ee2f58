package org.hubguard.it.hfclients;

import static org.hubguard.it.support.Json.q;
import static org.hubguard.it.support.PythonClient.array;
import static org.hubguard.it.support.PythonClient.object;
import static org.hubguard.it.support.PythonClient.query;
import static org.hubguard.it.support.PythonClient.quote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.hubguard.it.support.Fixtures;
import org.hubguard.it.support.GitCli;
import org.hubguard.it.support.PythonClient;
import org.hubguard.it.support.TestServer;
import org.hubguard.it.support.Users;
import org.hubguard.it.support.WebSession;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * huggingface_hub (Python) 1.28.0 cannot be installed here, so this test replays its requests as its source
 * makes them (see {@link PythonClient}) and checks every field and header the client reads, citing the line
 * that reads it (huggingface_hub@v1.28.0, src/huggingface_hub/...). The workflows: create_repo(exist_ok=True)
 * and upload_folder with a model card, model_info, snapshot_download into an empty and a partly filled cache,
 * list_repo_tree(expand=True) and get_paths_info, refs, branches and tags, list_models(search=...), moved
 * repositories, and the refusals the client turns into its errors.
 */
@ExtendWith(ArquillianExtension.class)
class PythonClientReplayIT extends TestServer {

    /** parse_datetime accepts only UTC dates ending in Z (utils/_datetime.py:47-66). */
    private static final Pattern HUB_DATE = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
    private static final Pattern NEXT_LINK = Pattern.compile("<(https?://[^>]+)>;\\s+rel=\"next\"");
    private static final String README = "---\nlicense: apache-2.0\nlibrary_name: transformers\npipeline_tag: fill-mask\n"
            + "tags:\n- hubguard\ndatasets:\n- wikitext\n---\n# A model card\n";

    private static String user;
    private static PythonClient client;
    private static PythonClient anonymous;

    @BeforeAll
    static void setUp() throws Exception {
        user = Users.uniqueName("python");
        WebSession.signUpAndSignIn(user);
        client = new PythonClient(Fixtures.insertToken(user, "WRITE", List.of()));
        anonymous = new PythonClient(null);
    }

    @Test
    void createRepoExistOkThenUploadFolderWithAModelCardThenModelInfo() throws Exception {
        // create_repo: {"name", "organization"} (hf_api.py:4772), the answer's url parsed as a RepoUrl (hf_api.py:4857-4858)
        String body = "{\"name\": \"card-model\", \"organization\": " + q(user) + "}";
        HttpResponse<String> created = client.postJson("/api/repos/create", body);
        assertEquals(200, created.statusCode(), created.body());
        assertEquals(BASE_URL + "/" + user + "/card-model", object(created).getString("url"), "same host as the endpoint (utils/_hf_uris.py:370-377)");
        // exist_ok=True swallows the 409 and still reads r.json()["url"] (hf_api.py:4839-4841, 4857)
        HttpResponse<String> again = client.postJson("/api/repos/create", body);
        assertEquals(409, again.statusCode());
        assertEquals(BASE_URL + "/" + user + "/card-model", object(again).getString("url"));
        assertTrue(object(again).getString("error").startsWith("You already created this model repo"));

        String head = commitOf("card-model", "main");
        // upload_folder with a root README.md first validates it; the JSON is read before the status (hf_api.py:11688-11699)
        HttpResponse<String> valid = client.postJson("/api/validate-yaml", "{\"content\": " + q(README) + ", \"repoType\": \"model\"}");
        assertEquals(200, valid.statusCode(), valid.body());
        assertEquals(0, object(valid).getJsonArray("errors").size());
        assertEquals(0, object(valid).getJsonArray("warnings").size(), "warnings[].message is logged (hf_api.py:11689-11691)");

        // preupload: files[].path, uploadMode, shouldIgnore (read with [], _commit_api.py:764-773, validated at 681-693)
        HttpResponse<String> preupload = client.postJson("/api/models/" + user + "/card-model/preupload/main",
                "{\"files\": [{\"path\": \"README.md\", \"sample\": \"LS0t\", \"size\": " + README.length() + "},"
                        + " {\"path\": \"config.json\", \"sample\": \"e30K\", \"size\": 3},"
                        + " {\"path\": \"weights/model.safetensors\", \"sample\": \"AAAA\", \"size\": 4096}]}");
        assertEquals(200, preupload.statusCode(), preupload.body());
        for (JsonObject file : object(preupload).getJsonArray("files").getValuesAs(JsonObject.class)) {
            // hf_hub 1.20+ uploads "lfs" files only through Xet: hubguard answers "regular" to its User-Agent
            assertEquals("regular", file.getString("uploadMode"), file.toString());
            assertFalse(file.getBoolean("shouldIgnore"));
        }
        // the commit, every line ending with \n (_commit_api.py:1047); commitUrl and commitOid are required (_commit_api.py:1062-1074)
        byte[] weights = new byte[4096];
        HttpResponse<String> commit = client.postNdjson("/api/models/" + user + "/card-model/commit/main", List.of(
                "{\"key\": \"header\", \"value\": {\"summary\": \"Upload folder using huggingface_hub\", \"description\": \"\", \"parentCommit\": " + q(head) + "}}",
                fileLine("README.md", README.getBytes(StandardCharsets.UTF_8)),
                fileLine("config.json", "{}\n".getBytes(StandardCharsets.UTF_8)),
                fileLine("weights/model.safetensors", weights)));
        assertEquals(200, commit.statusCode(), commit.body());
        String oid = object(commit).getString("commitOid");
        // CommitInfo splits commitUrl at /commit/ and parses the rest as a RepoUrl of the endpoint (hf_api.py:562-576)
        assertEquals(BASE_URL + "/" + user + "/card-model/commit/" + oid, object(commit).getString("commitUrl"));

        // model_info: ModelInfo(**data) (hf_api.py:1030-1126)
        JsonObject info = object(client.get("/api/models/" + user + "/card-model"));
        assertEquals(user + "/card-model", info.getString("id"), "the one required key");
        assertEquals(user, info.getString("author"));
        assertEquals(oid, info.getString("sha"));
        assertFalse(info.getBoolean("private"));
        assertFalse(info.getBoolean("gated"), "gated is false, 'auto' or 'manual'");
        assertDate(info.getString("lastModified"));
        assertDate(info.getString("createdAt"));
        assertEquals("fill-mask", info.getString("pipeline_tag"));
        assertEquals("transformers", info.getString("library_name"));
        assertEquals(List.of("hubguard", "transformers", "fill-mask", "dataset:wikitext", "license:apache-2.0"), strings(info.getJsonArray("tags")));
        // cardData → ModelCardData(**card_data, ignore_metadata_errors=True)
        JsonObject card = info.getJsonObject("cardData");
        assertEquals("apache-2.0", card.getString("license"));
        assertEquals(List.of("hubguard"), strings(card.getJsonArray("tags")));
        assertEquals(List.of(".gitattributes", "README.md", "config.json", "weights/model.safetensors"),
                info.getJsonArray("siblings").getValuesAs(JsonObject.class).stream().map(s -> s.getString("rfilename")).toList());

        // model_info(files_metadata=True): ?blobs=true → siblings with size, blobId and lfs {size, sha256, pointerSize} (hf_api.py:1084-1105)
        JsonObject blobs = object(client.get("/api/models/" + user + "/card-model?blobs=true"));
        JsonObject safetensors = sibling(blobs, "weights/model.safetensors");
        assertEquals(4096, safetensors.getInt("size"), "the content's size");
        assertEquals(40, safetensors.getString("blobId").length());
        assertEquals(sha256(weights), safetensors.getJsonObject("lfs").getString("sha256"), "kept in LFS by the .gitattributes");
        assertEquals(4096, safetensors.getJsonObject("lfs").getInt("size"));
        assertTrue(safetensors.getJsonObject("lfs").getInt("pointerSize") > 100);
        assertFalse(sibling(blobs, "config.json").containsKey("lfs"));

        // model_info(securityStatus=True): securityRepoStatus is kept as a dict (hf_api.py:3328-3329)
        JsonObject security = object(client.get("/api/models/" + user + "/card-model?securityStatus=true")).getJsonObject("securityRepoStatus");
        assertNotNull(security.get("scansDone"));
        assertNotNull(security.getJsonArray("filesWithIssues"));

        // model_info(expand=[...]): _id, id and exactly what was asked (hf_api.py:3332-3333)
        JsonObject expanded = object(client.get("/api/models/" + user + "/card-model?" + query(Map.of("expand", List.of("sha", "cardData")))));
        assertEquals(java.util.Set.of("_id", "id", "sha", "cardData"), expanded.keySet());
        assertEquals(400, client.get("/api/models/" + user + "/card-model?expand=stars").statusCode(), "not a Hub property");
    }

    @Test
    void malformedCardsAreRefusedWithTheYamlError() throws Exception {
        // on 400 the client raises ValueError("Invalid metadata in README.md.\n- " + errors[].message) (hf_api.py:11693-11699)
        HttpResponse<String> broken = client.postJson("/api/validate-yaml",
                "{\"content\": \"---\\nlicense: [mit\\n---\\n# Card\\n\", \"repoType\": \"model\"}");
        assertEquals(400, broken.statusCode(), broken.body());
        String message = object(broken).getJsonArray("errors").getJsonObject(0).getString("message");
        assertTrue(message.contains("Invalid YAML") && message.contains("line"), message);
        HttpResponse<String> wrongType = client.postJson("/api/validate-yaml",
                "{\"content\": \"---\\ntags: {a: 1}\\n---\\n\", \"repoType\": \"dataset\"}");
        assertEquals(400, wrongType.statusCode());
        assertTrue(object(wrongType).getJsonArray("errors").getJsonObject(0).getString("message").contains("\"tags\" must be"));
        HttpResponse<String> noCard = client.postJson("/api/validate-yaml", "{\"content\": \"# Just a title\\n\", \"repoType\": \"model\"}");
        assertEquals(200, noCard.statusCode());
    }

    @Test
    void snapshotDownloadIntoAnEmptyCacheAndIntoAPartlyFilledOne() throws Exception {
        String repo = createWithFiles("snap", Map.of("config.json", "{\"a\": 1}\n".getBytes(StandardCharsets.UTF_8),
                "weights/model.bin", new byte[] {1, 2, 3, 4, 5}, "docs/notes a.md", "notes\n".getBytes(StandardCharsets.UTF_8)));
        // 1. repo_info(revision="main"): /revision/{quote(rev, safe="")} without parameters; only sha is read, non-null
        //    (_snapshot_download.py:264-270, URL at hf_api.py:3322-3326)
        HttpResponse<String> revision = client.get("/api/models/" + repo + "/revision/main");
        assertEquals(200, revision.statusCode(), revision.body());
        String sha = object(revision).getString("sha");
        assertEquals(40, sha.length());
        // 2. the listing at that commit, paginated through Link (_snapshot_download.py:384-398, utils/_pagination.py:27-52)
        List<JsonObject> files = array(client.get("/api/models/" + repo + "/tree/" + sha + "?recursive=true&expand=false"))
                .getValuesAs(JsonObject.class).stream().filter(e -> e.getString("type").equals("file")).toList();
        assertEquals(List.of(".gitattributes", "config.json", "docs/notes a.md", "weights/model.bin"), files.stream().map(f -> f.getString("path")).toList());
        for (JsonObject file : files) {
            assertRepoFile(file);
        }
        JsonObject weights = files.get(3);
        assertEquals(5, weights.getInt("size"), "the content's size, not the pointer's");
        assertEquals(sha256(new byte[] {1, 2, 3, 4, 5}), weights.getJsonObject("lfs").getString("oid"));

        // 3. per file: the metadata HEAD (file_download.py:1569-1641), then the GET, whose length must match (file_download.py:471-476)
        for (JsonObject file : files) {
            String url = "/" + repo + "/resolve/" + sha + "/" + file.getString("path").replace(" ", "%20"); // filename quoted with '/' kept
            HttpResponse<String> head = client.head(url);
            assertEquals(200, head.statusCode(), url);
            assertEquals(sha, head.headers().firstValue("X-Repo-Commit").orElseThrow(), "commit_hash is required (file_download.py:1740-1746)");
            String etag = head.headers().firstValue("X-Linked-Etag").or(() -> head.headers().firstValue("ETag")).orElseThrow();
            long size = Long.parseLong(head.headers().firstValue("X-Linked-Size").or(() -> head.headers().firstValue("Content-Length")).orElseThrow());
            assertEquals(file.getJsonNumber("size").longValue(), size);
            assertTrue(head.headers().firstValue("X-Xet-Hash").isEmpty(), "never Xet (file_download.py:1959-1983)");
            HttpResponse<byte[]> content = client.download(url);
            assertEquals(200, content.statusCode());
            assertEquals(size, content.body().length);
            String normalized = etag.replaceFirst("^W/", "").replace("\"", ""); // _normalize_etag (file_download.py:579-598)
            if (file.containsKey("lfs")) {
                assertEquals(sha256(content.body()), normalized, "a 64-hex etag is the content's sha256 (file_download.py:1400-1414)");
            } else {
                assertEquals(file.getString("oid"), normalized, "a regular file's etag is its git blob id");
            }
        }

        // A partly filled cache: the client asks /revision/ first and falls back to the cache only on errors other than
        // RevisionNotFound (_snapshot_download.py:279-281); so revisions the Hub accepts must answer, unknown ones 404 RevisionNotFound.
        client.postJson("/api/models/" + repo + "/branch/" + quote("release/v1"), "{}");
        client.postJson("/api/models/" + repo + "/tag/main", "{\"tag\": \"v1\"}");
        for (String rev : List.of("HEAD", "release/v1", "v1", sha)) {
            HttpResponse<String> at = client.get("/api/models/" + repo + "/revision/" + quote(rev));
            assertEquals(200, at.statusCode(), rev + ": " + at.body());
            assertEquals(sha, object(at).getString("sha"), rev);
        }
        HttpResponse<String> unknown = client.get("/api/models/" + repo + "/revision/" + quote("refs/pr/1"));
        assertEquals(404, unknown.statusCode());
        assertEquals("RevisionNotFound", unknown.headers().firstValue("X-Error-Code").orElse(null), "raised at once (utils/_http.py:812-814)");
        // a file that is not there: EntryNotFound with X-Repo-Commit, cached as .no_exist/{commit} (file_download.py:1722-1737)
        HttpResponse<String> missing = client.head("/" + repo + "/resolve/main/nope.txt");
        assertEquals(404, missing.statusCode());
        assertEquals("EntryNotFound", missing.headers().firstValue("X-Error-Code").orElse(null));
        assertEquals(sha, missing.headers().firstValue("X-Repo-Commit").orElse(null));
        HttpResponse<String> missingDir = client.get("/api/models/" + repo + "/tree/main/" + quote("no/dir") + "?recursive=false&expand=false");
        assertEquals("EntryNotFound", missingDir.headers().firstValue("X-Error-Code").orElse(null));
        assertEquals(sha, missingDir.headers().firstValue("X-Repo-Commit").orElse(null));
    }

    @Test
    void listRepoTreeExpandedAndPathsInfo() throws Exception {
        String repo = createWithFiles("tree", Map.of("config.json", "{}\n".getBytes(StandardCharsets.UTF_8),
                "sub/dir/a.txt", "a\n".getBytes(StandardCharsets.UTF_8)));
        String sha = commitOf("tree", "main");
        // list_repo_tree(path_in_repo="sub", recursive=True, expand=True): both parameters always sent, the path quoted with safe=""
        // (hf_api.py:4090-4101); items with type "file" become RepoFile, others RepoFolder
        JsonArray tree = array(client.get("/api/models/" + repo + "/tree/main/" + quote("sub") + "?recursive=true&expand=true"));
        assertEquals(List.of("sub/dir", "sub/dir/a.txt"), tree.getValuesAs(JsonObject.class).stream().map(e -> e.getString("path")).toList());
        JsonObject folder = tree.getJsonObject(0);
        assertEquals("directory", folder.getString("type"));
        assertNotNull(folder.getString("oid"), "RepoFolder needs path and oid (hf_api.py:860-886)");
        JsonObject file = tree.getJsonObject(1);
        assertRepoFile(file);
        // lastCommit {id, title, date} (hf_api.py:837-842)
        JsonObject last = file.getJsonObject("lastCommit");
        assertEquals(sha, last.getString("id"));
        assertEquals("Add files", last.getString("title"));
        assertDate(last.getString("date"));
        assertEquals(sha, folder.getJsonObject("lastCommit").getString("id"));

        // get_paths_info: form-encoded paths=…&paths=…&expand=false (hf_api.py:4394-4402); missing paths are left out (_commit_api.py:888-895)
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("paths", List.of("config.json", "sub", "nope.txt"));
        form.put("expand", "false");
        HttpResponse<String> info = client.postForm("/api/models/" + repo + "/paths-info/main", form);
        assertEquals(200, info.statusCode(), info.body());
        List<JsonObject> items = array(info).getValuesAs(JsonObject.class);
        assertEquals(List.of("config.json", "sub"), items.stream().map(i -> i.getString("path")).toList());
        assertRepoFile(items.get(0)); // RepoFile(**path_info) if path_info["type"] == "file" (hf_api.py:4406-4410)
        assertEquals("directory", items.get(1).getString("type"));
        assertFalse(items.get(0).containsKey("lastCommit"), "only with expand");
    }

    @Test
    void refsBranchesAndSignedTags() throws Exception {
        String repo = createWithFiles("refs", Map.of("a.txt", "a\n".getBytes(StandardCharsets.UTF_8)));
        String first = commitOf("refs", "main");
        String second = commitFiles(repo, "Second", Map.of("b.txt", "b\n".getBytes(StandardCharsets.UTF_8)));

        // create_branch: POST branch/{quote(branch, safe="")} with {} or {"startingPoint"} (hf_api.py:7114-7128)
        assertEquals(200, client.postJson("/api/models/" + repo + "/branch/" + quote("feature/x"), "{\"startingPoint\": " + q(first) + "}").statusCode());
        assertEquals(200, client.postJson("/api/models/" + repo + "/branch/dev", "{}").statusCode());
        // exist_ok=True swallows exactly a 409 (hf_api.py:7131-7133)
        assertEquals(409, client.postJson("/api/models/" + repo + "/branch/dev", "{}").statusCode());
        assertError(400, null, client.postJson("/api/models/" + repo + "/branch/" + quote("bad..name"), "{}"), "Invalid branch name");
        assertError(400, null, client.postJson("/api/models/" + repo + "/branch/HEAD", "{}"), "Invalid branch name");
        assertError(404, "RevisionNotFound", client.postJson("/api/models/" + repo + "/branch/other", "{\"startingPoint\": \"nope\"}"), "Invalid rev id");

        // create_tag: POST tag/{quote(revision)} {"tag", "message"?} (hf_api.py:7250-7264); 409 swallowed only with exist_ok (hf_api.py:7266-7270)
        assertEquals(200, client.postJson("/api/models/" + repo + "/tag/" + quote("feature/x"), "{\"tag\": \"v1.0\", \"message\": \"First release\"}").statusCode());
        assertError(409, null, client.postJson("/api/models/" + repo + "/tag/main", "{\"tag\": \"v1.0\"}"), "already exists");

        // list_repo_refs(include_pull_requests=True): branches, converts, tags and pullRequests required, items {name, ref, targetCommit}
        // (hf_api.py:4229-4247)
        JsonObject refs = object(client.get("/api/models/" + repo + "/refs?include_prs=1"));
        assertEquals(List.of("dev:refs/heads/dev:" + second, "feature/x:refs/heads/feature/x:" + first, "main:refs/heads/main:" + second),
                refs.getJsonArray("branches").getValuesAs(JsonObject.class).stream()
                        .map(r -> r.getString("name") + ":" + r.getString("ref") + ":" + r.getString("targetCommit")).toList());
        assertEquals(List.of("v1.0:refs/tags/v1.0:" + first), refs.getJsonArray("tags").getValuesAs(JsonObject.class).stream()
                .map(r -> r.getString("name") + ":" + r.getString("ref") + ":" + r.getString("targetCommit")).toList());
        assertEquals(0, refs.getJsonArray("converts").size());
        assertEquals(0, refs.getJsonArray("pullRequests").size());
        assertFalse(object(client.get("/api/models/" + repo + "/refs")).containsKey("pullRequests"));

        // revisions: the tag, the branch with a slash, the commit id
        assertEquals(first, object(client.get("/api/models/" + repo + "/revision/v1.0")).getString("sha"));
        HttpResponse<String> commits = client.get("/api/models/" + repo + "/commits/" + quote("feature/x"));
        assertEquals("2", commits.headers().firstValue("X-Total-Count").orElse(null), "the initial commit and 'Add files'");
        assertDate(array(commits).getJsonObject(0).getString("date"));
        assertEquals("3", client.get("/api/models/" + repo + "/commits/main").headers().firstValue("X-Total-Count").orElse(null));

        // the tag is annotated, carries the message and hubguard's signature
        GitCli git = new GitCli();
        java.nio.file.Path dir = git.newDir("tags");
        git.run(dir, "clone", "--quiet", GitCli.url("/" + repo, null), "clone").ok();
        String tag = git.run(dir.resolve("clone"), "cat-file", "-p", "refs/tags/v1.0").ok().output();
        assertTrue(tag.contains("object " + first) && tag.contains("type commit") && tag.contains("tagger hubguard <hubguard@localhost>"), tag);
        assertTrue(tag.contains("First release") && tag.contains("-----BEGIN PGP SIGNATURE-----"), tag);

        // delete_branch / delete_tag: DELETE with the name quoted (hf_api.py:7187-7195, 7310-7318)
        assertEquals(200, client.delete("/api/models/" + repo + "/branch/" + quote("feature/x")).statusCode());
        assertError(404, "RevisionNotFound", client.delete("/api/models/" + repo + "/branch/" + quote("feature/x")), "no branch");
        assertError(400, null, client.delete("/api/models/" + repo + "/branch/main"), "default branch");
        assertEquals(200, client.delete("/api/models/" + repo + "/tag/v1.0").statusCode());
        assertError(404, "RevisionNotFound", client.delete("/api/models/" + repo + "/tag/v1.0"), "no tag");

        // a read token lists refs but changes none
        PythonClient reader = new PythonClient(Fixtures.insertToken(user, "READ", List.of()));
        assertEquals(200, reader.get("/api/models/" + repo + "/refs").statusCode());
        assertEquals(403, reader.postJson("/api/models/" + repo + "/branch/mine", "{}").statusCode());
        assertEquals(403, reader.postJson("/api/models/" + repo + "/tag/main", "{\"tag\": \"mine\"}").statusCode());
    }

    @Test
    void listModelsSearchesWithoutAnAuthorAndNeverShowsOthersPrivateRepositories() throws Exception {
        String marker = Users.uniqueName("srch");
        createWithFiles(marker + "-one", Map.of("README.md", README.getBytes(StandardCharsets.UTF_8)));
        createWithFiles(marker + "-two", Map.of("a.txt", "a".getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> created = client.postJson("/api/repos/create", "{\"name\": " + q(marker + "-secret") + ", \"organization\": " + q(user)
                + ", \"visibility\": \"private\"}");
        assertEquals(200, created.statusCode(), created.body());

        // list_models(search=…, limit=1): params present only when set (hf_api.py:2551-2610); pages through Link (utils/_pagination.py:27-52)
        HttpResponse<String> first = client.get("/api/models?" + query(Map.of("search", marker, "limit", 1)));
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(List.of(user + "/" + marker + "-one"), ids(array(first)), "only id is required (hf_api.py:2616-2619)");
        Matcher next = NEXT_LINK.matcher(first.headers().firstValue("Link").orElseThrow());
        assertTrue(next.find(), "an absolute URL with a space after ';'");
        HttpResponse<String> second = client.getAbsolute(next.group(1));
        assertEquals(List.of(user + "/" + marker + "-secret"), ids(array(second)), "the owner sees their private repository");
        HttpResponse<String> third = client.getAbsolute(NEXT_LINK.matcher(second.headers().firstValue("Link").orElseThrow()).results()
                .findFirst().orElseThrow().group(1));
        assertEquals(List.of(user + "/" + marker + "-two"), ids(array(third)));
        assertTrue(third.headers().firstValue("Link").isEmpty(), "the last page");

        assertEquals(List.of(user + "/" + marker + "-one", user + "/" + marker + "-two"),
                ids(array(anonymous.get("/api/models?" + query(Map.of("search", marker))))), "never another's private repository");
        assertEquals(List.of(user + "/" + marker + "-one"),
                ids(array(client.get("/api/models?" + query(Map.of("author", user, "filter", List.of("license:apache-2.0", "fill-mask"), "search", marker))))));
        JsonArray full = array(client.get("/api/models?" + query(Map.of("search", marker + "-one", "full", "true", "cardData", "true"))));
        assertEquals("fill-mask", full.getJsonObject(0).getString("pipeline_tag"));
        assertEquals("apache-2.0", full.getJsonObject(0).getJsonObject("cardData").getString("license"));
        assertEquals(2, full.getJsonObject(0).getJsonArray("siblings").size());
        assertDate(full.getJsonObject(0).getString("lastModified"));
        List<String> newestFirst = ids(array(client.get("/api/models?" + query(Map.of("search", marker, "sort", "createdAt")))));
        assertEquals(user + "/" + marker + "-secret", newestFirst.get(0), "sort=createdAt, newest first (direction -1)");
        assertEquals(0, array(client.get("/api/datasets?" + query(Map.of("search", marker)))).size());
    }

    @Test
    void aMovedRepositoryAnswersAtItsOldNameUntilTheNameIsTakenAgain() throws Exception {
        String repo = createWithFiles("before", Map.of("config.json", "{\"moved\": true}\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(200, client.postJson("/api/repos/move", "{\"fromRepo\": " + q(repo) + ", \"toRepo\": " + q(user + "/after") + "}").statusCode());

        // the API: httpx follows redirects (utils/_http.py:304-312)
        HttpResponse<String> info = client.get("/api/models/" + repo + "/revision/main?securityStatus=true");
        assertEquals(307, info.statusCode());
        String location = info.headers().firstValue("Location").orElseThrow();
        assertTrue(location.endsWith("/api/models/" + user + "/after/revision/main?securityStatus=true"), location);
        assertEquals(user + "/after", object(client.getAbsolute(location.startsWith("/") ? BASE_URL + location : location)).getString("id"));
        // the metadata HEAD follows relative redirects only, keeping its query (utils/_http.py:694-742)
        HttpResponse<String> head = client.head("/" + repo + "/resolve/main/config.json");
        assertEquals(307, head.statusCode());
        assertEquals("/" + user + "/after/resolve/main/config.json", head.headers().firstValue("Location").orElseThrow());
        assertEquals(200, client.head(head.headers().firstValue("Location").orElseThrow()).statusCode());
        // git: clone by the old name
        GitCli git = new GitCli();
        java.nio.file.Path dir = git.newDir("moved");
        git.run(dir, "clone", "--quiet", GitCli.url("/" + repo, null), "clone").ok();
        assertTrue(java.nio.file.Files.exists(dir.resolve("clone/config.json")));
        // anonymous callers of a private moved repository learn nothing
        client.postJson("/api/repos/create", "{\"name\": \"hidden-before\", \"organization\": " + q(user) + ", \"visibility\": \"private\"}");
        client.postJson("/api/repos/move", "{\"fromRepo\": " + q(user + "/hidden-before") + ", \"toRepo\": " + q(user + "/hidden-after") + "}");
        HttpResponse<String> hidden = anonymous.get("/api/models/" + user + "/hidden-before");
        assertEquals(404, hidden.statusCode(), "exactly as if it did not exist");
        assertEquals("RepoNotFound", hidden.headers().firstValue("X-Error-Code").orElse(null));

        // the old name taken again: it is that repository's now
        assertEquals(200, client.postJson("/api/repos/create", "{\"name\": \"before\", \"organization\": " + q(user) + "}").statusCode());
        HttpResponse<String> retaken = client.get("/api/models/" + repo);
        assertEquals(200, retaken.statusCode());
        assertEquals(repo, object(retaken).getString("id"));
    }

    @Test
    void unsupportedFeaturesAreRefusedClearly() throws Exception {
        String repo = createWithFiles("limits", Map.of("a.txt", "a".getBytes(StandardCharsets.UTF_8)));
        // update_repo_settings(gated="auto"): PUT settings {"gated": "auto"}
        assertError(400, null, client.send("PUT", "/api/models/" + repo + "/settings", "{\"gated\": \"auto\"}"), "Gated access is not available");
        assertEquals(200, client.send("PUT", "/api/models/" + repo + "/settings", "{\"gated\": false}").statusCode(), "not gated is what it is");
        // create_pr: upload_folder opens a discussion first (_upload_pipeline.py:570-580); create_commit uses ?create_pr=1
        assertError(501, null, client.postJson("/api/models/" + repo + "/discussions", "{\"title\": \"t\", \"pullRequest\": true}"), "not available on hubguard");
        assertError(400, null, client.postJson("/api/models/" + repo + "/preupload/main?create_pr=1", "{\"files\": []}"), "Pull requests");
        assertError(400, null, client.postJson("/api/repos/create", "{\"name\": \"space\", \"organization\": " + q(user) + ", \"type\": \"space\", \"sdk\": \"gradio\"}"),
                "Spaces are not available");
        assertError(501, null, client.get("/api/spaces/" + user + "/anything"), "Spaces are not available");
    }

    // --- helpers ---

    private static String createWithFiles(String name, Map<String, byte[]> files) throws Exception {
        HttpResponse<String> created = client.postJson("/api/repos/create", "{\"name\": " + q(name) + ", \"organization\": " + q(user) + "}");
        assertEquals(200, created.statusCode(), created.body());
        String repo = user + "/" + name;
        commitFiles(repo, "Add files", files);
        return repo;
    }

    private static String commitFiles(String repo, String title, Map<String, byte[]> files) throws Exception {
        List<String> lines = new java.util.ArrayList<>();
        lines.add("{\"key\": \"header\", \"value\": {\"summary\": " + q(title) + ", \"description\": \"\"}}");
        new java.util.TreeMap<>(files).forEach((path, content) -> lines.add(fileLine(path, content)));
        HttpResponse<String> commit = client.postNdjson("/api/models/" + repo + "/commit/main", lines);
        assertEquals(200, commit.statusCode(), commit.body());
        return object(commit).getString("commitOid");
    }

    private static String fileLine(String path, byte[] content) {
        return "{\"key\": \"file\", \"value\": {\"content\": " + q(Base64.getEncoder().encodeToString(content)) + ", \"path\": " + q(path)
                + ", \"encoding\": \"base64\"}}";
    }

    private static String commitOf(String name, String rev) throws Exception {
        return object(client.get("/api/models/" + user + "/" + name + "/revision/" + quote(rev))).getString("sha");
    }

    /** What RepoFile(**item) reads (hf_api.py:797-856): path, size, oid; lfs with size, oid, pointerSize; securityFileStatus's three keys. */
    private static void assertRepoFile(JsonObject file) {
        assertEquals("file", file.getString("type"));
        assertNotNull(file.getString("path"));
        assertNotNull(file.getJsonNumber("size"));
        assertEquals(40, file.getString("oid").length());
        if (file.containsKey("lfs")) {
            JsonObject lfs = file.getJsonObject("lfs");
            assertEquals(64, lfs.getString("oid").length());
            assertNotNull(lfs.getJsonNumber("size"));
            assertNotNull(lfs.getJsonNumber("pointerSize"));
        }
        assertFalse(file.containsKey("xetHash"), "never Xet");
        JsonObject security = file.getJsonObject("securityFileStatus");
        // security["status"], security["avScan"], security["pickleImportScan"] are read unconditionally (hf_api.py:843-852)
        assertTrue(List.of("safe", "unsafe", "suspicious", "queued", "error", "unscanned").contains(security.getString("status")), security.toString());
        assertTrue(security.containsKey("avScan") && security.containsKey("pickleImportScan"), security.toString());
        assertNotNull(security.getJsonObject("avScan").getString("status"));
        assertTrue(security.get("pickleImportScan") == JsonValue.NULL || security.getJsonObject("pickleImportScan").containsKey("pickleImports"));
    }

    private static JsonObject sibling(JsonObject info, String path) {
        return info.getJsonArray("siblings").getValuesAs(JsonObject.class).stream().filter(s -> s.getString("rfilename").equals(path))
                .findFirst().orElseThrow();
    }

    private static void assertDate(String date) {
        assertTrue(HUB_DATE.matcher(date).matches(), "a UTC date ending in Z: " + date);
    }

    private static void assertError(int status, String code, HttpResponse<String> response, String message) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(code, response.headers().firstValue("X-Error-Code").orElse(null));
        String error = object(response).getString("error");
        assertTrue(error.contains(message), "expected '" + message + "' in: " + error);
    }

    private static List<String> ids(JsonArray list) {
        return list.getValuesAs(JsonObject.class).stream().map(o -> o.getString("id")).toList();
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
