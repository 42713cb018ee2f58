package org.hubguard.it.tokens;

import static org.hubguard.it.support.Users.PASSWORD;
import static org.hubguard.it.support.Users.emailOf;
import static org.hubguard.it.support.Users.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.hubguard.it.support.Browser;
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

    private static final Path CLIENT_DIR = repoDir().resolve("it/src/test/js");

    @BeforeAll
    static void installClient() throws Exception {
        if (!Files.isDirectory(CLIENT_DIR.resolve("node_modules/@huggingface/hub"))) {
            Result install = run(CLIENT_DIR, null, "npm", "ci", "--no-audit", "--no-fund");
            assertEquals(0, install.exitCode, "npm ci failed:\n" + install.output);
        }
    }

    @Test
    void whoAmIReturnsTheUserOfTheToken() throws Exception {
        String name = uniqueName("jsclient");
        BROWSER.signUp(name, emailOf(name), PASSWORD);
        BROWSER.signIn(name, PASSWORD);
        String token = TokenPages.create(BROWSER, "js-client", "read");

        Result result = run(CLIENT_DIR, token, "node", "whoami.mjs");
        assertEquals(0, result.exitCode, result.output);
        JsonObject me = Json.createReader(new StringReader(result.output.trim())).readObject();
        assertEquals(name, me.getString("name"));
        assertEquals("js-client", me.getJsonObject("auth").getJsonObject("accessToken").getString("displayName"));

        Result refused = run(CLIENT_DIR, org.hubguard.tokens.TokenFormat.generate(), "node", "whoami.mjs");
        assertEquals(1, refused.exitCode, refused.output);
        assertTrue(refused.output.contains("Invalid credentials in Authorization header"), "the client shows hubguard's message: " + refused.output);
    }

    @Test
    void createUploadListDownloadAndDeleteWithTheClient() throws Exception {
        String name = uniqueName("jsfiles");
        BROWSER.signUp(name, emailOf(name), PASSWORD);
        BROWSER.signIn(name, PASSWORD);
        String token = TokenPages.create(BROWSER, "js-files", "write");

        ProcessBuilder files = new ProcessBuilder("node", "files.mjs").directory(CLIENT_DIR.toFile()).redirectErrorStream(true);
        files.environment().put("HUB_URL", BASE_URL);
        files.environment().put("HF_TOKEN", token);
        files.environment().put("REPO", name + "/tiny-model");
        Process process = files.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, process.exitValue(), output);
        JsonObject report = Json.createReader(new StringReader(output.trim())).readObject();
        assertEquals(BASE_URL + "/" + name + "/tiny-model", report.getString("created"));
        assertEquals(40, report.getString("commitOid").length());
        assertEquals(java.util.List.of("file:.gitattributes:" + report.getJsonArray("files").getString(0).split(":")[2],
                        "file:README.md:13", "file:config.json:33", "directory:weights:0", "file:weights/part-1.bin:6"),
                report.getJsonArray("files").getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
        assertEquals("{\"architectures\": [\"TinyModel\"]}\n", report.getString("config"));
        assertEquals("[0,1,2,3,254,255]", report.getJsonArray("weights").toString());
        assertTrue(report.getBoolean("readmeExists"));
        assertFalse(report.getBoolean("missingExists"));
        assertTrue(report.isNull("missingDownload"));
        assertFalse(report.getBoolean("readmeAfterDelete"));
        assertTrue(report.getBoolean("deleted"));
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(Path dir, String token, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("HUB_URL", BASE_URL);
        if (token != null) {
            builder.environment().put("HF_TOKEN", token);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish:\n" + output);
        }
        return new Result(process.exitValue(), output);
    }
}
