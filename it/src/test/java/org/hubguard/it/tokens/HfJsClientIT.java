package org.hubguard.it.tokens;

import static org.hubguard.it.support.Users.PASSWORD;
import static org.hubguard.it.support.Users.emailOf;
import static org.hubguard.it.support.Users.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.json.JsonObject;

import org.hubguard.it.support.Browser;
import org.hubguard.it.support.JsClient;
import org.hubguard.it.support.TestServer;
import org.hubguard.it.support.TokenPages;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@code @huggingface/hub} npm client, installed from the npm registry, pointed at hubguard. */
@ExtendWith(ArquillianExtension.class)
class HfJsClientIT extends TestServer {

    @RegisterExtension
    static final Browser BROWSER = new Browser();

    @BeforeAll
    static void installClient() throws Exception {
        JsClient.install();
    }

    @Test
    void whoAmIReturnsTheUserOfTheToken() throws Exception {
        String name = uniqueName("jsclient");
        BROWSER.signUp(name, emailOf(name), PASSWORD);
        BROWSER.signIn(name, PASSWORD);
        String token = TokenPages.create(BROWSER, "js-client", "read");

        JsClient.Result result = JsClient.node("whoami.mjs", BASE_URL, token, Map.of());
        assertEquals(0, result.exitCode(), result.output());
        JsonObject me = result.report();
        assertEquals(name, me.getString("name"));
        assertEquals("js-client", me.getJsonObject("auth").getJsonObject("accessToken").getString("displayName"));

        JsClient.Result refused = JsClient.node("whoami.mjs", BASE_URL, org.hubguard.tokens.TokenFormat.generate(), Map.of());
        assertEquals(1, refused.exitCode(), refused.output());
        assertTrue(refused.output().contains("Invalid credentials in Authorization header"), "the client shows hubguard's message: " + refused.output());
    }

    @Test
    void createUploadListDownloadAndDeleteWithTheClient() throws Exception {
        String name = uniqueName("jsfiles");
        BROWSER.signUp(name, emailOf(name), PASSWORD);
        BROWSER.signIn(name, PASSWORD);
        String token = TokenPages.create(BROWSER, "js-files", "write");

        JsClient.Result files = JsClient.node("files.mjs", BASE_URL, token, Map.of("REPO", name + "/tiny-model"));
        assertEquals(0, files.exitCode(), files.output());
        JsClient.assertFilesWorkflow(files.report(), BASE_URL + "/" + name + "/tiny-model");
    }

    @Test
    void uploadsListsAndDownloadsA60MegabyteFileThroughLfs() throws Exception {
        String name = uniqueName("jslfs");
        BROWSER.signUp(name, emailOf(name), PASSWORD);
        BROWSER.signIn(name, PASSWORD);
        String token = TokenPages.create(BROWSER, "js-lfs", "write");

        JsClient.Result lfs = JsClient.node("lfs.mjs", BASE_URL, token, Map.of("REPO", name + "/big-model", "SIZE_MB", "60"));
        assertEquals(0, lfs.exitCode(), lfs.output());
        JsonObject report = lfs.report();
        JsonObject weights = report.getJsonArray("files").getValuesAs(JsonObject.class).stream()
                .filter(f -> f.getString("path").equals("weights/model.bin")).findFirst().orElseThrow();
        assertEquals(60L * 1024 * 1024, weights.getJsonNumber("size").longValue(), "the real size, not the pointer's");
        assertEquals(report.getString("sha256"), weights.getString("lfs"), "kept in LFS under its SHA-256");
        assertEquals(60L * 1024 * 1024, report.getJsonNumber("downloadedSize").longValue());
        assertEquals(report.getString("sha256"), report.getString("downloadedSha256"));
    }

    @Test
    void infoSnapshotsPathsSearchBranchesAndCountsWithTheClient() throws Exception {
        String name = uniqueName("jsflows");
        BROWSER.signUp(name, emailOf(name), PASSWORD);
        BROWSER.signIn(name, PASSWORD);
        String token = TokenPages.create(BROWSER, "js-flows", "write");

        JsClient.Result run = JsClient.node("workflows.mjs", BASE_URL, token, Map.of("NAMESPACE", name));
        assertEquals(0, run.exitCode(), run.output());
        JsonObject report = run.report();
        assertEquals(BASE_URL + "/" + name + "/card-model", report.getString("created"));

        // createRepo with files: README.md and config.json are in the first commit, beside .gitattributes
        JsonObject info = report.getJsonObject("modelInfo");
        assertEquals(name + "/card-model", info.getString("name"));
        assertEquals("text-classification", info.getString("task"), "pipeline_tag from the card");
        assertEquals(report.getString("weightsCommit"), info.getString("sha"), "modelInfo's default revision HEAD is main");
        assertEquals(List.of(".gitattributes", "README.md", "config.json", "weights/model.bin"), strings(info.getJsonArray("files")));
        assertEquals(List.of("tiny", "transformers", "text-classification", "license:mit"), strings(info.getJsonArray("tags")));
        assertEquals("mit", info.getJsonObject("cardData").getString("license"));
        assertEquals("transformers", info.getString("library"));
        assertTrue(info.getBoolean("lastModified"), "lastModified parses as a date");
        assertEquals(report.getString("weightsCommit"), report.getString("mainSha"));
        JsonObject dataset = report.getJsonObject("datasetInfo");
        assertEquals(List.of("language:en", "license:cc-by-4.0"), strings(dataset.getJsonArray("tags")));
        assertEquals("cc-by-4.0", dataset.getJsonObject("cardData").getString("license"));

        JsonObject snapshot = report.getJsonObject("snapshot");
        assertEquals(Set.of(".gitattributes", "README.md", "config.json", "weights/model.bin"), snapshot.keySet(), "every file, LFS included");
        assertEquals(2048, snapshot.getInt("weights/model.bin"), "the LFS content, not its pointer");
        assertEquals("{\"hidden_size\": 8}\n", report.getString("snapshotConfig"));

        List<JsonObject> paths = report.getJsonArray("pathsInfo").getValuesAs(JsonObject.class);
        assertEquals(List.of("config.json", "weights/model.bin", "weights"), paths.stream().map(p -> p.getString("path")).toList(),
                "missing paths are left out");
        assertEquals(report.getString("initialSha"), paths.get(0).getString("lastCommit"), "config.json came with the first commit");
        assertEquals(report.getString("weightsCommit"), paths.get(1).getString("lastCommit"));
        assertEquals(2048, paths.get(1).getInt("lfs"));
        assertEquals("directory", paths.get(2).getString("type"));

        assertEquals(List.of(name + "/card-model"), strings(report.getJsonArray("searchAnonymous")), "no private repository for anonymous searches");
        assertEquals(List.of(name + "/card-model", name + "/hidden-model"), strings(report.getJsonArray("searchWithToken")));
        assertEquals(List.of(name + "/card-model"), strings(report.getJsonArray("searchByTag")));
        assertEquals(1, report.getJsonArray("firstOfOne").size(), "limit");

        assertEquals(2, report.getInt("commitsOnMain"));
        assertEquals(2, report.getInt("commitsOnDev"));
        assertEquals(1, report.getInt("commitsOnFeature"), "a branch from the first commit, with a slash in its name");
        assertEquals(List.of(), strings(report.getJsonArray("scratchFiles")), "an empty branch");
        assertEquals(report.getString("initialSha"), report.getString("featureSha"));
        assertEquals(404, report.getInt("deletedBranchInfo"));
        assertEquals(409, report.getInt("duplicateBranch"));
        assertEquals(2, report.getInt("commitsOnDevKept"), "overwrite without a revision leaves the branch");
        assertEquals(1, report.getInt("commitsOnDevMoved"), "overwrite with a revision moves it");
    }

    private static List<String> strings(jakarta.json.JsonArray array) {
        return array.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
    }
}
