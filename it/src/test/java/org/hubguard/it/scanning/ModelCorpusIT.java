package org.hubguard.it.scanning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;

import org.hubguard.it.support.Fixtures;
import org.hubguard.it.support.GitCli;
import org.hubguard.it.support.Json;
import org.hubguard.it.support.Json.Credential;
import org.hubguard.it.support.TestServer;
import org.hubguard.it.support.Users;
import org.hubguard.it.support.WebSession;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 13's promise end to end: the scanner's corpora (ejb/src/test/resources/corpus) pushed with the real git CLI
 * go through the real pipeline, and every file gets the verdict its manifest names; no malicious file is ever
 * called safe, on the API or on the repository page.
 */
@ExtendWith(ArquillianExtension.class)
class ModelCorpusIT extends TestServer {

    private static final Path CORPORA = Path.of("..", "ejb", "src", "test", "resources", "corpus").toAbsolutePath().normalize();

    @Test
    void pushedCorporaGetTheirExpectedVerdictsAndNoMaliciousFileIsSafe() throws Exception {
        String user = Users.uniqueName("corpus");
        WebSession web = WebSession.signUpAndSignIn(user);
        String token = Fixtures.insertToken(user, "WRITE", List.of());
        HttpResponse<String> created = Json.send("POST", "/api/repos/create", "{\"name\":\"corpora\"}", Credential.token(token));
        assertEquals(200, created.statusCode(), created.body());

        GitCli git = new GitCli();
        Path dir = git.newDir("corpora");
        git.run(dir, "clone", GitCli.url("/" + user + "/corpora", token), "work").ok();
        Path work = dir.resolve("work");
        Map<String, String> expected = new LinkedHashMap<>();
        for (String corpus : List.of("benign", "malicious")) {
            Files.createDirectories(work.resolve(corpus));
            expected.putAll(copy(corpus, work.resolve(corpus)));
        }
        git.run(work, "add", "-A").ok();
        git.run(work, "commit", "-q", "-m", "the scanner's corpora").ok();
        git.run(work, "push", "origin", "main").ok();

        Map<String, String> actual = finalStatuses(user, token);
        List<String> wrong = new ArrayList<>();
        List<String> maliciousCalledSafe = new ArrayList<>();
        expected.forEach((path, verdict) -> {
            String status = actual.get(path);
            if (!verdict.equals(status)) {
                wrong.add(path + ": expected " + verdict + ", got " + status);
            }
            if (path.startsWith("malicious/") && "safe".equals(status)) {
                maliciousCalledSafe.add(path);
            }
        });
        assertTrue(maliciousCalledSafe.isEmpty(), "malicious files called safe: " + maliciousCalledSafe);
        assertTrue(wrong.isEmpty(), wrong.size() + " of " + expected.size() + " files got another verdict:\n" + String.join("\n", wrong));

        // The page: a file row's badge says ok only for a safe file.
        String page = web.get("/" + user + "/corpora/tree/main/malicious").body();
        assertTrue(page.contains("call_os.system.pkl"), "the page lists the malicious directory");
        for (String rowAndAfter : page.split("<tr")) {
            String row = rowAndAfter.split("</tr>")[0];
            if (row.contains("scan-ok")) {
                String file = expected.keySet().stream().filter(p -> p.startsWith("malicious/"))
                        .filter(p -> row.contains(">" + p.substring("malicious/".length()) + "<")).findFirst().orElse(null);
                assertEquals(null, file, "a malicious file has a safe badge on the page");
            }
        }
    }

    /** Copies one corpus and returns each file's expected API status from its manifest. */
    private static Map<String, String> copy(String corpus, Path to) throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        for (String line : Files.readAllLines(CORPORA.resolve(corpus).resolve("manifest.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t");
            Files.copy(CORPORA.resolve(corpus).resolve(fields[0]), to.resolve(fields[0]));
            expected.put(corpus + "/" + fields[0], fields[1]);
        }
        return expected;
    }

    /** Polls the tree API until no file is queued (at most 180 s); path → status. */
    private static Map<String, String> finalStatuses(String user, String token) throws Exception {
        long deadline = System.currentTimeMillis() + 180_000;
        while (true) {
            String body = Json.send("GET", "/api/models/" + user + "/corpora/tree/main?recursive=true", null, Credential.token(token)).body();
            Map<String, String> statuses = new HashMap<>();
            jakarta.json.Json.createReader(new StringReader(body)).readArray().stream().map(v -> v.asJsonObject())
                    .filter(e -> e.getString("type").equals("file"))
                    .forEach(e -> statuses.put(e.getString("path"), status(e.getJsonObject("securityFileStatus"))));
            if (!statuses.containsValue("queued")) {
                return statuses;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("scans still queued after 180 s: " + statuses);
            }
            Thread.sleep(500);
        }
    }

    private static String status(JsonObject security) {
        return security == null ? null : security.getString("status");
    }
}
