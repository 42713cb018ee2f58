package org.hubguard.it.tokens;

import static org.hubguard.it.support.Users.PASSWORD;
import static org.hubguard.it.support.Users.emailOf;
import static org.hubguard.it.support.Users.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

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
}
