package org.hubguard.it.faults;

import static org.hubguard.it.support.Json.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.hubguard.it.support.GitCli;
import org.hubguard.it.support.ServerProcess;
import org.hubguard.it.support.TestServer;
import org.hubguard.it.support.WebSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Fault injection on a hubguard of its own (started as the run command starts it, on a PostgreSQL database of
 * its own, with its own clamd): crashes right after a push or commit was answered, a long clamd outage, a
 * crafted verdict, large request bodies, failed creations, cut-off pushes, a full disk, a bad setting.
 * Nothing acknowledged is lost, and every scan reaches a final verdict without anybody visiting a page.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {

    private static final int OFFSET = 200;
    private static final String PASSWORD = "faults-Admin-Pass-5521";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String dbUrl;
    private static ServerProcess server;
    private static GitCli git;
    private static String token;

    @BeforeAll
    static void startOwnServer() throws Exception {
        String mainDb = System.getProperty("it.db.url");
        String name = mainDb.substring(mainDb.lastIndexOf('/') + 1) + "_faults";
        try (Connection admin = DriverManager.getConnection(mainDb.substring(0, mainDb.lastIndexOf('/')) + "/postgres", "postgres", "");
             Statement statement = admin.createStatement()) {
            statement.executeUpdate("DROP DATABASE IF EXISTS " + name);
            statement.executeUpdate("CREATE DATABASE " + name);
        }
        dbUrl = mainDb.substring(0, mainDb.lastIndexOf('/') + 1) + name;
        Path home = TestServer.targetDir().resolve("faults-home");
        ServerProcess.deleteRecursively(home);
        Map<String, String> env = new HashMap<>();
        env.put("HUBGUARD_DB_URL", dbUrl);
        env.put("HUBGUARD_DB_USER", "postgres");
        env.put("HUBGUARD_DB_PASSWORD", "unused-trust-auth");
        env.put("HUBGUARD_ADMIN_PASSWORD", PASSWORD);
        env.put("HUBGUARD_SCAN_RETRY_SECONDS", "2"); // the reconciler retries failed scans quickly here
        env.put("HUBGUARD_CLAMD_TIMEOUT_SECONDS", "10");
        server = new ServerProcess(home, OFFSET, env);
        server.start("faults");
        WebSession admin = new WebSession(server.baseUrl());
        admin.signIn("admin", PASSWORD);
        token = admin.newToken("faults", "write");
        git = new GitCli();
    }

    @AfterAll
    static void stopOwnServer() throws Exception {
        server.close();
    }

    @Test
    @Order(1)
    void aBadSettingStopsTheRunCommandWithTheReason() throws Exception {
        try (ServerProcess broken = new ServerProcess(TestServer.targetDir().resolve("faults-broken"), OFFSET + 50,
                Map.of("HUBGUARD_GIT_MAX_FILE_SIZE", "10MB", "HUBGUARD_ADMIN_PASSWORD", PASSWORD))) {
            assertEquals(1, broken.runUntilExit("faults-bad-setting", Map.of()), broken.log());
            assertTrue(broken.log().contains("HUBGUARD_GIT_MAX_FILE_SIZE") && broken.log().contains("hubguard could not start"), broken.log());
            assertEquals(1, broken.runUntilExit("faults-empty-password", Map.of("HUBGUARD_DB_PASSWORD", "")), broken.log());
            assertTrue(broken.log().contains("HUBGUARD_DB_PASSWORD is set but empty"), broken.log());
        }
    }

    @Test
    @Order(2)
    void aCrashRightAfterAPushOrACommitLosesNoScan() throws Exception {
        createRepo("crash");
        Path work = cloneOf("crash");
        for (int i = 0; i < 300; i++) {
            Files.writeString(work.resolve("file-" + i + ".txt"), "crash test file " + i + " " + System.nanoTime() + "\n");
        }
        git.run(work, "add", ".").ok();
        git.run(work, "commit", "-q", "-m", "300 files").ok();
        git.run(work, "push", "-q", "origin", "main").ok();
        Thread.sleep(1400);
        server.kill(); // kill -9, 1.4 s after the push was answered
        server.start("faults");
        List<String> pushed = blobsOf("crash");
        assertEquals(301, pushed.size(), "the 300 files and .gitattributes");

        HttpResponse<String> committed = commit("crash", "late.txt", ("committed just before a crash " + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
        assertEquals(200, committed.statusCode(), committed.body());
        server.kill();
        server.start("faults");

        List<String> all = blobsOf("crash");
        Map<String, String> statuses = untilFinal(all, 120);
        assertTrue(statuses.values().stream().allMatch("OK"::equals), "every file reached its verdict without a visit: " + statuses);
        try (Connection db = database(); Statement query = db.createStatement();
             ResultSet row = query.executeQuery("select max(scan_count) from file_scans where scanner = 'clamav'")) {
            row.next();
            assertTrue(row.getInt(1) <= 2, "no file scanned again without need (at most once more, if the crash cut its scan off)");
        }
    }

    @Test
    @Order(3)
    void aLongClamdOutageEndsInFinalVerdictsWithoutAVisit() throws Exception {
        createRepo("outage");
        server.stopClamd();
        HttpResponse<String> committed = commit("outage", "during-outage.txt", ("scanned after the outage " + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
        assertEquals(200, committed.statusCode());
        String blob = blobsOf("outage").stream().filter(b -> !b.isEmpty()).findFirst().orElseThrow();
        Thread.sleep(45_000); // longer than clamd's old retry window of redeliveries
        assertEquals("ERROR", status(blobsOf("outage").get(blobsOf("outage").size() - 1)), "unreachable clamd: an error, never ok");
        server.startClamd();
        Map<String, String> statuses = untilFinal(blobsOf("outage"), 120);
        assertTrue(statuses.values().stream().allMatch("OK"::equals), statuses + " " + blob);
    }

    @Test
    @Order(4)
    void aVerdictWithControlBytesIsStored() throws Exception {
        createRepo("crafted");
        // GLOBAL "os\0x\x01y" "system": the import names carry NUL and other control bytes.
        byte[] crafted = ("\u0080\u0002cos\u0000x\u0001y\nsystem\nq\u0000.").getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(200, commit("crafted", "crafted.pkl", crafted).statusCode());
        Map<String, String> statuses = untilFinal(blobsOf("crafted"), 90);
        assertFalse(statuses.containsValue("PENDING"), statuses.toString());
    }

    @Test
    @Order(5)
    void largeBodiesAreRefusedOrStreamedAndTheServerStaysHealthy() throws Exception {
        createRepo("bodies");
        byte[] fifty = new byte[50 * 1024 * 1024];
        java.util.Arrays.fill(fifty, (byte) 'a');
        List<CompletableFuture<HttpResponse<String>>> json = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> commits = new ArrayList<>();
        String line = "{\"key\":\"file\",\"value\":{\"path\":\"big-%d.dat\",\"content\":\"" + Base64.getEncoder().encodeToString(new byte[36 * 1024 * 1024]) + "\",\"encoding\":\"base64\"}}";
        for (int i = 0; i < 10; i++) {
            json.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/repos/create"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(fifty)).build(), HttpResponse.BodyHandlers.ofString()));
            String body = "{\"key\":\"header\",\"value\":{\"summary\":\"big " + i + "\"}}\n" + String.format(line, i) + "\n";
            commits.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/models/admin/bodies/commit/main"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> answer : json) {
            assertEquals(413, answer.get(5, TimeUnit.MINUTES).statusCode(), "a 50 MB JSON body");
        }
        for (CompletableFuture<HttpResponse<String>> answer : commits) {
            int status = answer.get(5, TimeUnit.MINUTES).statusCode();
            assertTrue(status == 200 || status == 409, "a valid 36 MB commit is taken (or loses a race for the branch): " + status);
        }
        assertEquals(200, server.get("/api/health").statusCode(), "healthy afterwards");
        assertFalse(server.log().contains("OutOfMemoryError"));
    }

    @Test
    @Order(6)
    void aFailedCreationAndACutOffPushLeaveNothingBehind() throws Exception {
        long next;
        try (Connection db = database(); Statement query = db.createStatement(); ResultSet row = query.executeQuery("select max(id) from repositories")) {
            row.next();
            next = row.getLong(1) + 1;
        }
        Path gitDir = server.home().resolve("server/data/hubguard/git");
        for (long id = next; id < next + 5; id++) {
            Files.writeString(gitDir.resolve(id + ".git"), "in the way: the repository cannot be created here");
        }
        HttpResponse<String> refused = post("/api/repos/create", "{\"name\":\"doomed\"}");
        assertEquals(500, refused.statusCode(), refused.body());
        for (long id = next; id < next + 5; id++) {
            assertFalse(Files.isDirectory(gitDir.resolve(id + ".git")), "no directory without its repository");
            Files.deleteIfExists(gitDir.resolve(id + ".git"));
        }
        try (Connection db = database(); PreparedStatement query = db.prepareStatement("select count(*) from repositories where name = 'doomed'")) {
            ResultSet row = query.executeQuery();
            row.next();
            assertEquals(0, row.getInt(1));
        }

        createRepo("cut-off");
        Path work = cloneOf("cut-off");
        byte[] big = new byte[9 * 1024 * 1024];
        new java.util.Random(5).nextBytes(big);
        Files.write(work.resolve("big.dat"), big);
        git.run(work, "add", ".").ok();
        git.run(work, "commit", "-q", "-m", "big").ok();
        ProcessBuilder push = new ProcessBuilder("git", "push", "origin", "main").directory(work.toFile()).redirectErrorStream(true);
        push.environment().put("GIT_TERMINAL_PROMPT", "0");
        Process pushing = push.start();
        Path packs = gitDir.resolve(repoId("cut-off") + ".git/objects/pack");
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline && !hasIncoming(packs)) {
            Thread.sleep(20);
        }
        pushing.destroyForcibly();
        pushing.waitFor();
        server.kill(); // the push is cut off for good
        // The sweeper runs shortly after a start; with a grace period of one second everything older goes.
        server = new ServerProcess(server.home(), OFFSET, withEnv("HUBGUARD_SWEEP_GRACE_SECONDS", "1"));
        server.start("faults");
        deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline && hasIncoming(packs)) {
            Thread.sleep(1000);
        }
        assertFalse(hasIncoming(packs), "the sweeper removed the incoming pack of the cut-off push");
    }

    @Test
    @Order(7)
    void aNearlyFullDataDiskMakesHealthSayDown() throws Exception {
        server.stop();
        server = new ServerProcess(server.home(), OFFSET, withEnv("HUBGUARD_DISK_CRITICAL_FREE_BYTES", String.valueOf(Long.MAX_VALUE / 2)));
        server.start("faults");
        HttpResponse<String> health = server.get("/api/health");
        assertEquals(503, health.statusCode(), health.body());
        assertTrue(health.body().contains("\"disk\":{\"status\":\"down\"}"), health.body());
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private static Map<String, String> withEnv(String key, String value) {
        Map<String, String> env = new HashMap<>(Map.of("HUBGUARD_DB_URL", dbUrl, "HUBGUARD_DB_USER", "postgres",
                "HUBGUARD_DB_PASSWORD", "unused-trust-auth", "HUBGUARD_ADMIN_PASSWORD", PASSWORD, "HUBGUARD_SCAN_RETRY_SECONDS", "2"));
        env.put(key, value);
        return env;
    }

    private static boolean hasIncoming(Path packs) throws Exception {
        if (!Files.isDirectory(packs)) {
            return false;
        }
        try (Stream<Path> files = Files.list(packs)) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith("incoming_"));
        }
    }

    private static void createRepo(String name) throws Exception {
        HttpResponse<String> created = post("/api/repos/create", "{\"name\":" + q(name) + "}");
        assertEquals(200, created.statusCode(), created.body());
    }

    private static Path cloneOf(String name) throws Exception {
        Path dir = git.newDir(name);
        git.run(dir, "clone", GitCli.url(server.baseUrl(), "/admin/" + name, token), "work").ok();
        return dir.resolve("work");
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> commit(String repo, String path, byte[] content) throws Exception {
        String body = "{\"key\":\"header\",\"value\":{\"summary\":\"add " + path + "\"}}\n{\"key\":\"file\",\"value\":{\"path\":" + q(path)
                + ",\"content\":" + q(Base64.getEncoder().encodeToString(content)) + ",\"encoding\":\"base64\"}}\n";
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/models/admin/" + repo + "/commit/main"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The content ids of the repository's files at main (the LFS object's for LFS files), read without queueing scans. */
    private static List<String> blobsOf(String repo) throws Exception {
        Path bare = server.home().resolve("server/data/hubguard/git/" + repoId(repo) + ".git");
        ProcessBuilder list = new ProcessBuilder("git", "--git-dir", bare.toString(), "ls-tree", "-r", "main").redirectErrorStream(true);
        Process process = list.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        List<String> blobs = new ArrayList<>();
        for (String entry : output.split("\n")) {
            if (!entry.isBlank()) {
                blobs.add(entry.split("\\s+")[2]);
            }
        }
        return blobs;
    }

    private static long repoId(String name) throws Exception {
        try (Connection db = database(); PreparedStatement query = db.prepareStatement("select id from repositories where name = ?")) {
            query.setString(1, name);
            ResultSet row = query.executeQuery();
            assertTrue(row.next(), "no repository " + name);
            return row.getLong(1);
        }
    }

    private static String status(String blob) throws Exception {
        try (Connection db = database(); PreparedStatement query = db.prepareStatement("select status from file_scans where blob_id = ? and scanner = 'clamav'")) {
            query.setString(1, blob);
            ResultSet row = query.executeQuery();
            return row.next() ? row.getString(1) : "NONE";
        }
    }

    /** Polls the stored clamav verdicts (no visits) until none is missing or pending; returns them. */
    private static Map<String, String> untilFinal(List<String> blobs, int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        Map<String, String> statuses = new HashMap<>();
        while (System.currentTimeMillis() < deadline) {
            statuses.clear();
            for (String blob : blobs) {
                statuses.put(blob, status(blob));
            }
            if (statuses.values().stream().noneMatch(s -> s.equals("NONE") || s.equals("PENDING") || s.equals("ERROR"))) {
                return statuses;
            }
            Thread.sleep(1000);
        }
        return statuses;
    }

    private static Connection database() throws Exception {
        return DriverManager.getConnection(dbUrl, "postgres", "");
    }
}
