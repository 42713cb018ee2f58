package org.hubguard.it.scanning;

import static org.hubguard.it.support.Json.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.json.JsonObject;

import org.hubguard.it.support.Fixtures;
import org.hubguard.it.support.Json;
import org.hubguard.it.support.Json.Credential;
import org.hubguard.it.support.Samples;
import org.hubguard.it.support.TestServer;
import org.hubguard.it.support.Users;
import org.hubguard.it.support.WebSession;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every committed file goes through the real pipeline: JMS, the scan MDB, clamd with the shipped signatures. */
@ExtendWith(ArquillianExtension.class)
class ScanningIT extends TestServer {

    /** The EICAR test file, assembled here so that no source file is itself "infected". */
    static final byte[] EICAR = Samples.EICAR;
    static final byte[] OS_SYSTEM_PICKLE = Samples.OS_SYSTEM_PICKLE;

    private static String user;
    private static Credential token;
    private static WebSession web;

    @BeforeAll
    static void setUp() throws Exception {
        user = Users.uniqueName("scan");
        web = WebSession.signUpAndSignIn(user);
        token = Credential.token(Fixtures.insertToken(user, "WRITE", List.of()));
    }

    @Test
    void eachFileReachesItsFinalStatus() throws Exception {
        createRepo("scanned");
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("inner/eicar.com"));
            out.write(EICAR);
        }
        commit("scanned", Map.of(
                "clean.txt", "just text\n".getBytes(StandardCharsets.UTF_8),
                "eicar.com", EICAR,
                "bundle.zip", zip.toByteArray(),
                "model.pkl", OS_SYSTEM_PICKLE,
                "broken.pkl", java.util.Arrays.copyOf(OS_SYSTEM_PICKLE, 20)));

        Map<String, JsonObject> status = finalStatuses("scanned");
        assertEquals("safe", status.get("clean.txt").getString("status"), status.toString());
        assertEquals("safe", status.get(".gitattributes").getString("status"));
        JsonObject eicar = status.get("eicar.com");
        assertEquals("unsafe", eicar.getString("status"));
        assertEquals("unsafe", eicar.getJsonObject("avScan").getString("status"));
        assertTrue(eicar.getJsonObject("avScan").getBoolean("virusFound"));
        assertTrue(eicar.getJsonObject("avScan").getJsonArray("virusNames").getString(0).startsWith("Hubguard.Eicar"), eicar.toString());
        assertEquals("unsafe", status.get("bundle.zip").getString("status"), "EICAR inside a zip");
        JsonObject pickle = status.get("model.pkl");
        assertEquals("unsafe", pickle.getString("status"));
        assertEquals("unsafe", pickle.getJsonObject("pickleImportScan").getString("status"));
        assertEquals("posix", pickle.getJsonObject("pickleImportScan").getJsonArray("pickleImports").getJsonObject(0).getString("module"));
        assertEquals("dangerous", pickle.getJsonObject("pickleImportScan").getString("highestSafetyLevel"));
        assertEquals("posix", pickle.getJsonObject("pickleImportScan").getJsonArray("imports").getJsonObject(0).getString("module"));
        JsonObject posixSystem = pickle.getJsonObject("pickleImportScan").getJsonArray("pickleImports").getJsonObject(0);
        assertTrue(!posixSystem.getString("why").isBlank(), "each import says why: " + posixSystem);

        // Downloads: an unsafe file is refused (the finding named), others carry their verdict.
        HttpResponse<String> refused = Json.send("GET", "/" + user + "/scanned/resolve/main/model.pkl", null, token);
        assertEquals(403, refused.statusCode(), refused.body());
        assertEquals("UnsafeFile", refused.headers().firstValue("X-Error-Code").orElse(""));
        assertTrue(refused.body().contains("posix.system"), refused.body());
        HttpResponse<String> virus = Json.send("GET", "/" + user + "/scanned/raw/main/eicar.com", null, token);
        assertEquals(403, virus.statusCode(), virus.body());
        assertTrue(virus.body().contains("Hubguard.Eicar"), virus.body());
        HttpResponse<String> clean = Json.send("GET", "/" + user + "/scanned/resolve/main/clean.txt", null, token);
        assertEquals(200, clean.statusCode());
        assertEquals("safe", clean.headers().firstValue("X-Scan-Status").orElse(""));
        assertEquals(200, Json.send("PUT", "/api/models/" + user + "/scanned/settings", "{\"blockUnsafeDownloads\":false}", token).statusCode());
        HttpResponse<String> allowed = Json.send("GET", "/" + user + "/scanned/resolve/main/model.pkl", null, token);
        assertEquals(200, allowed.statusCode(), "the owner allowed unsafe downloads");
        assertEquals("unsafe", allowed.headers().firstValue("X-Scan-Status").orElse(""));
        assertEquals(200, Json.send("PUT", "/api/models/" + user + "/scanned/settings", "{\"blockUnsafeDownloads\":true}", token).statusCode());

        JsonObject broken = status.get("broken.pkl");
        assertEquals("error", broken.getString("status"));
        assertTrue(broken.getString("error").contains("truncated"), broken.toString());

        String page = web.get("/" + user + "/scanned").body();
        assertTrue(page.contains("This repository contains 3 unsafe"), "the banner counts eicar.com, bundle.zip and model.pkl");
        assertTrue(page.contains("scan-infected") && page.contains("scan-ok"), "badges per file");
        String file = web.get("/" + user + "/scanned/blob/main/eicar.com").body();
        assertTrue(file.contains("Hubguard.Eicar") && file.contains("id=\"scan-status\""), "the file page shows the virus name");
        assertTrue(file.indexOf("id=\"scan-status\"") < file.indexOf("id=\"download-link\""), "the verdict comes before the download link");
        assertTrue(file.contains("id=\"download-warning\""), "an unsafe file's download link is marked");
        String pickleFile = web.get("/" + user + "/scanned/blob/main/model.pkl").body();
        assertTrue(pickleFile.contains("<code>posix.system</code>") && pickleFile.contains("import-dangerous"),
                "the file page shows each import with its rating");
        assertTrue(pickleFile.contains(posixSystem.getString("why")), "and why it is rated so");
        JsonObject repoStatus = jakarta.json.Json.createReader(new StringReader(
                Json.send("GET", "/api/models/" + user + "/scanned?securityStatus=true", null, token).body())).readObject()
                .getJsonObject("securityRepoStatus");
        assertTrue(repoStatus.getBoolean("scansDone"));
        assertEquals(4, repoStatus.getJsonArray("filesWithIssues").size(), repoStatus.toString());
    }

    @Test
    void emptyFilesAndFilesOverClamdsStreamLimitGetAClearStatus() throws Exception {
        createRepo("edges");
        byte[] big = new byte[9 * 1024 * 1024]; // under the 10 MiB push limit, over the 8 MiB clamd limit ./hubguard test sets
        new java.util.Random(11).nextBytes(big);
        commit("edges", Map.of("empty.txt", new byte[0], "huge.dat", big));
        Map<String, JsonObject> status = finalStatuses("edges");
        assertEquals("safe", status.get("empty.txt").getString("status"));
        assertEquals("unscanned", status.get("huge.dat").getString("status"), "final, and never shown as ok");
        assertTrue(status.get("huge.dat").getString("error").contains("too large for the antivirus"), status.toString());
    }

    @Test
    void anAdministratorRescansEveryFile() throws Exception {
        createRepo("rescan");
        commit("rescan", Map.of("r.txt", ("rescan me " + System.nanoTime()).getBytes(StandardCharsets.UTF_8)));
        assertEquals("safe", finalStatuses("rescan").get("r.txt").getString("status"));
        String blob = tree("rescan").stream().filter(e -> e.getString("path").equals("r.txt")).findFirst().orElseThrow().getString("oid");
        java.sql.Timestamp before = scannedAt(blob);

        WebSession admin = new WebSession();
        admin.signIn("admin", ADMIN_PASSWORD);
        HttpResponse<String> rescan = admin.submit("/-/admin/users", "scans", Map.of("scans:rescan", "Rescan every file"));
        assertEquals(302, rescan.statusCode(), "the rescan was accepted");
        assertEquals("OK", untilStored(blob, "PENDING"));
        assertTrue(scannedAt(blob).after(before), "scanned again");
        assertEquals(403, web.get("/-/admin/users").statusCode(), "only administrators reach the rescan button");
    }

    private static java.sql.Timestamp scannedAt(String blobId) throws Exception {
        try (Connection db = database(); PreparedStatement query = db.prepareStatement(
                "select updated_at from file_scans where blob_id = ? and scanner = 'clamav'")) {
            query.setString(1, blobId);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next());
                return row.getTimestamp(1);
            }
        }
    }

    @Test
    void aVisitQueuesAFileWithoutACurrentResult() throws Exception {
        createRepo("visited");
        commit("visited", Map.of("notes.txt", ("visit me " + System.nanoTime()).getBytes(StandardCharsets.UTF_8)));
        assertEquals("safe", finalStatuses("visited").get("notes.txt").getString("status"));
        String blob = tree("visited").stream().filter(e -> e.getString("path").equals("notes.txt")).findFirst().orElseThrow().getString("oid");
        try (Connection db = database(); PreparedStatement forget = db.prepareStatement("delete from file_scans where blob_id = ?")) {
            forget.setString(1, blob);
            assertEquals(2, forget.executeUpdate()); // both scanners' results, as if gone (e.g. a new signature database)
        }
        tree("visited"); // the visit queues it again
        assertEquals("safe", finalStatuses("visited").get("notes.txt").getString("status"));
        try (Connection db = database(); PreparedStatement count = db.prepareStatement("select count(*) from file_scans where blob_id = ?")) {
            count.setString(1, blob);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                assertEquals(2, row.getInt(1), "one result per scanner, none twice");
            }
        }
    }

    @Test
    void whileClamdIsDownFilesAreErrorNeverOkAndRecoverOnTheirOwn() throws Exception {
        Path dir = Path.of(System.getenv().getOrDefault("TMPDIR", "/tmp"), "hubguard-clamd-test-" + uid()); // ./hubguard setup's
        int port = Integer.parseInt(System.getProperty("it.clamd.port"));
        createRepo("outage");
        try {
            run("kill", Files.readString(dir.resolve("clamd.pid")).trim());
            waitForPort(port, false);
            commit("outage", Map.of("late.txt", ("scanned late " + System.nanoTime()).getBytes(StandardCharsets.UTF_8)));
            blob = tree("outage").stream().filter(e -> e.getString("path").equals("late.txt")).findFirst().orElseThrow().getString("oid");
            // From here on nobody visits: only the queue's redelivery may bring the file to its final status.
            assertEquals("ERROR", untilStored(blob, "PENDING"), "an unreachable clamd is an error, never ok");
        } finally {
            if (!portOpen(port)) {
                run("clamd", "--config-file=" + dir.resolve("clamd.conf"));
                waitForPort(port, true);
            }
        }
        assertEquals("OK", untilStored(blob, "ERROR", "PENDING"), "redelivered without any user action");
        assertTrue(tree("outage").stream().noneMatch(e -> e.getJsonObject("securityFileStatus").getString("status").equals("queued")));
    }

    private String blob;

    /** Polls the stored clamav status of a blob (no visits) until it is none of {@code waitWhile} (at most 120 s). */
    private static String untilStored(String blobId, String... waitWhile) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            try (Connection db = database(); PreparedStatement query = db.prepareStatement(
                    "select status from file_scans where blob_id = ? and scanner = 'clamav'")) {
                query.setString(1, blobId);
                try (ResultSet row = query.executeQuery()) {
                    String status = row.next() ? row.getString(1) : "PENDING";
                    if (!List.of(waitWhile).contains(status)) {
                        return status;
                    }
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the scan of " + blobId + " stayed " + List.of(waitWhile) + " for 120 s");
    }

    private static String uid() throws Exception {
        return run("id", "-u").trim();
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output);
        return output;
    }

    private static boolean portOpen(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static void waitForPort(int port, boolean open) throws InterruptedException {
        for (int i = 0; i < 120 && portOpen(port) != open; i++) {
            Thread.sleep(500);
        }
        assertEquals(open, portOpen(port), "clamd on port " + port + " should be " + (open ? "up" : "down"));
    }

    @Test
    void anIdenticalFileInAnotherRepositoryIsNotScannedAgain() throws Exception {
        byte[] marker = ("weights ... HUBGUARD-TEST-MALWARE-SIGNATURE-7f3a ... " + System.nanoTime()).getBytes(StandardCharsets.US_ASCII);
        createRepo("first");
        commit("first", Map.of("w.bin", marker));
        assertEquals("unsafe", finalStatuses("first").get("w.bin").getString("status"));
        createRepo("second");
        commit("second", Map.of("copy.bin", marker));
        assertEquals("unsafe", finalStatuses("second").get("copy.bin").getString("status"));

        // A .bin file is kept in LFS (the repository's .gitattributes): its scans are stored under the object's SHA-256.
        JsonObject copy = tree("second").stream().filter(e -> e.getString("path").equals("copy.bin")).findFirst().orElseThrow();
        String blob = copy.getJsonObject("lfs").getString("oid");
        try (Connection db = database(); PreparedStatement count = db.prepareStatement(
                "select scan_count from file_scans where blob_id = ? and scanner = 'clamav'")) {
            count.setString(1, blob);
            try (ResultSet row = count.executeQuery()) {
                assertTrue(row.next());
                assertEquals(1, row.getInt(1), "clamd scanned the shared blob once");
            }
        }
    }

    private static void createRepo(String name) throws Exception {
        HttpResponse<String> created = Json.send("POST", "/api/repos/create", "{\"name\":" + q(name) + "}", token);
        assertEquals(200, created.statusCode(), created.body());
    }

    private static void commit(String repo, Map<String, byte[]> files) throws Exception {
        StringBuilder ndjson = new StringBuilder("{\"key\":\"header\",\"value\":{\"summary\":\"add files\"}}");
        files.forEach((path, content) -> ndjson.append("\n{\"key\":\"file\",\"value\":{\"path\":").append(q(path))
                .append(",\"content\":").append(q(Base64.getEncoder().encodeToString(content))).append(",\"encoding\":\"base64\"}}"));
        HttpResponse<String> response = Json.send("POST", "/api/models/" + user + "/" + repo + "/commit/main", ndjson.toString(), token);
        assertEquals(200, response.statusCode(), response.body());
    }

    private static List<JsonObject> tree(String repo) throws Exception {
        String body = Json.send("GET", "/api/models/" + user + "/" + repo + "/tree/main?recursive=true", null, token).body();
        return jakarta.json.Json.createReader(new StringReader(body)).readArray().stream().map(v -> v.asJsonObject())
                .filter(e -> e.getString("type").equals("file")).toList();
    }

    /** Polls the tree API until no file is pending (at most 90 s). */
    private static Map<String, JsonObject> finalStatuses(String repo) throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        while (true) {
            Map<String, JsonObject> statuses = new HashMap<>();
            tree(repo).forEach(e -> statuses.put(e.getString("path"), e.getJsonObject("securityFileStatus")));
            boolean pending = statuses.values().stream().anyMatch(s -> s.getString("status").equals("queued"));
            if (!pending) {
                return statuses;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("scans still pending after 90 s: " + statuses);
            }
            Thread.sleep(250);
        }
    }
}
