package org.hubguard.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/** The {@code @huggingface/hub} npm client (it/src/test/js), installed from the npm registry, run with node. */
public final class JsClient {

    public static final Path DIR = TestServer.repoDir().resolve("it/src/test/js");

    public record Result(int exitCode, String output) {

        /** The one JSON object the scripts print, on the last line (the client may log progress before it). */
        public JsonObject report() {
            String[] lines = output.trim().split("\n");
            return Json.createReader(new StringReader(lines[lines.length - 1])).readObject();
        }
    }

    private JsClient() {
    }

    /** Installs the pinned client once per machine (npm ci from the lock file). */
    public static synchronized void install() throws IOException, InterruptedException {
        if (!Files.isDirectory(DIR.resolve("node_modules/@huggingface/hub"))) {
            Result install = run("npm", Map.of(), "ci", "--no-audit", "--no-fund");
            if (install.exitCode() != 0) {
                throw new AssertionError("npm ci failed:\n" + install.output());
            }
        }
    }

    /** Runs {@code node script} against {@code hubUrl} with the token (or none) and extra environment. */
    public static Result node(String script, String hubUrl, String token, Map<String, String> env) throws IOException, InterruptedException {
        Map<String, String> all = new LinkedHashMap<>(env);
        all.put("HUB_URL", hubUrl);
        if (token != null) {
            all.put("HF_TOKEN", token);
        }
        return run("node", all, script);
    }

    private static Result run(String program, Map<String, String> env, String... args) throws IOException, InterruptedException {
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(program);
        command.addAll(java.util.List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish:\n" + output);
        }
        return new Result(process.exitValue(), output);
    }

    /** What files.mjs saw: create, upload three files, list, download, exists, delete a file, delete the repository. */
    public static void assertFilesWorkflow(JsonObject report, String repoUrl) {
        assertEquals(repoUrl, report.getString("created"));
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
}
