package org.hubguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hubguard.it.support.Browser;
import org.hubguard.it.support.GitCli;
import org.hubguard.it.support.JsClient;
import org.hubguard.it.support.TestServer;
import org.hubguard.it.support.TokenPages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * What a newcomer does first, on a hubguard booted the way the README's run command does ({@code ./hubguard
 * serve} is what {@code ./hubguard run} does after building), on the embedded H2 database, beside the test
 * server: sign in as the first administrator with the printed password, create a repository in the own
 * namespace, clone it with a token, push, download with resolve, and use the {@code @huggingface/hub} client
 * there. Then a restart: the data survived, the password is not printed again.
 */
class RunCommandSmokeIT {

    /** Every socket moves by the offset: this server runs beside the test server (offset 100) and a './hubguard run'. */
    private static final int OFFSET = 300;
    private static final int HTTP_PORT = 8080 + OFFSET;
    private static final String BASE = "http://127.0.0.1:" + HTTP_PORT;
    private static final Pattern PRINTED_PASSWORD = Pattern.compile("password: (\\S+)");

    @RegisterExtension
    static final Browser BROWSER = new Browser();

    private final GitCli git = new GitCli();

    RunCommandSmokeIT() throws IOException {
    }

    @Test
    void aNewcomerRunsHubguardSignsInAndUsesTheirFirstRepository() throws Exception {
        Path home = TestServer.targetDir().resolve("smoke-home");
        deleteRecursively(home);
        BROWSER.useServer(BASE);
        JsClient.install();

        String firstOutput = runServer(home, "smoke-run-1.log", server -> {
            assertEquals(Set.of(8080 + OFFSET, 8443 + OFFSET, 9990 + OFFSET), listeningPorts(server),
                    "every socket the server opens moves with HUBGUARD_PORT_OFFSET");
            String password = printedPassword(home);
            signInAsAdmin(password);
            BROWSER.open("/api/health"); // the details are for administrators
            assertTrue(BROWSER.driver().getPageSource().contains("H2 "), "the run command uses the embedded H2 database: "
                    + BROWSER.driver().getPageSource());
            firstRepository();
        });
        Matcher printed = PRINTED_PASSWORD.matcher(firstOutput);
        assertTrue(printed.find(), "the first start prints the administrator's password:\n" + firstOutput);
        assertTrue(firstOutput.contains("http://localhost:" + HTTP_PORT + "/"), "the URL with the offset is printed");
        assertEquals(printed.group(1), Files.readString(home.resolve("server/data/hubguard/initial-admin-password")).trim());

        String secondOutput = runServer(home, "smoke-run-2.log", server -> {
            signInAsAdmin(printedPassword(home));
            assertEquals("hello from the newcomer\n", download("/admin/first-model/resolve/main/hello.txt"), "the push survived the restart");
        });
        assertFalse(PRINTED_PASSWORD.matcher(secondOutput.replace("password in", "")).find(),
                "the password is printed only on the first start");
        assertTrue(secondOutput.contains("initial-admin-password"), "the second start says where the password is");
    }

    /** Creates admin/first-model on the page, clones it with a token, pushes, downloads; then the JS client's workflow. */
    private void firstRepository() throws Exception {
        String token = TokenPages.create(BROWSER, "laptop", "write");
        BROWSER.open("/repos/new");
        BROWSER.type("repo:name", "first-model");
        BROWSER.submit("repo:submit");
        assertEquals("admin/first-model", BROWSER.text("repo-title").split("\\s")[0], BROWSER.messages());

        Path clone = git.newDir("first-model");
        git.run(clone.getParent(), "clone", GitCli.url(BASE, "/admin/first-model", token), clone.toString()).ok();
        Files.writeString(clone.resolve("hello.txt"), "hello from the newcomer\n");
        git.run(clone, "add", "hello.txt").ok();
        git.run(clone, "commit", "-m", "Say hello").ok();
        git.run(clone, "push", "origin", "main").ok();
        assertEquals("hello from the newcomer\n", download("/admin/first-model/resolve/main/hello.txt"));

        JsClient.Result files = JsClient.node("files.mjs", BASE, token, Map.of("REPO", "admin/js-model"));
        assertEquals(0, files.exitCode(), files.output());
        JsClient.assertFilesWorkflow(files.report(), BASE + "/admin/js-model");
    }

    private String runServer(Path home, String logName, ServerCheck whileUp) throws Exception {
        Path log = TestServer.targetDir().resolve(logName);
        ProcessBuilder builder = new ProcessBuilder(TestServer.repoDir().resolve("hubguard").toString(), "serve")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("HUBGUARD_"));
        builder.environment().put("HUBGUARD_HOME", home.toString());
        builder.environment().put("HUBGUARD_PORT_OFFSET", String.valueOf(OFFSET));
        Process server = builder.start();
        try {
            waitUntilUp(server, log);
            whileUp.check(server);
            return Files.readString(log);
        } finally {
            stop(server);
            stopClamd(home);
        }
    }

    private static String printedPassword(Path home) throws IOException {
        return Files.readString(home.resolve("server/data/hubguard/initial-admin-password")).trim();
    }

    private static void signInAsAdmin(String password) {
        WebDriver driver = BROWSER.driver();
        driver.manage().deleteAllCookies();
        BROWSER.signIn("admin", password);
        assertEquals("admin", driver.findElement(By.id("nav-user")).getText(), driver.getPageSource());
    }

    /** The TCP ports the server's JVM listens on. */
    private static Set<Integer> listeningPorts(Process server) throws IOException, InterruptedException {
        Set<String> pids = new TreeSet<>();
        pids.add(String.valueOf(server.pid()));
        server.descendants().forEach(p -> pids.add(String.valueOf(p.pid())));
        Process ss = new ProcessBuilder("ss", "-Hltnp").redirectErrorStream(true).start();
        String listing = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ss.waitFor(10, TimeUnit.SECONDS);
        Set<Integer> ports = new TreeSet<>();
        for (String line : listing.split("\n")) {
            Matcher pid = Pattern.compile("pid=(\\d+)").matcher(line);
            if (pid.find() && pids.contains(pid.group(1))) {
                String local = line.trim().split("\\s+")[3];
                ports.add(Integer.parseInt(local.substring(local.lastIndexOf(':') + 1)));
            }
        }
        return ports;
    }

    private static void waitUntilUp(Process server, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("the server stopped:\n" + Files.readString(log));
            }
            try {
                if (health().endsWith("\"status\":\"up\"}") && Files.readString(log).contains("WFLYSRV0025")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the server did not come up within 240 s:\n" + Files.readString(log));
    }

    private static String health() throws IOException, InterruptedException {
        return download("/api/health");
    }

    private static String download(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(BASE + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    private static void stop(Process server) throws InterruptedException {
        server.destroy();
        if (!server.waitFor(60, TimeUnit.SECONDS)) {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
        }
        server.descendants().forEach(ProcessHandle::destroyForcibly);
    }

    /** The run command started a clamd of its own for this home (port 3310 + offset): stop it with the server. */
    private static void stopClamd(Path home) throws IOException {
        Path pid = home.resolve("clamd/clamd.pid");
        if (Files.exists(pid)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).ifPresent(ProcessHandle::destroy);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @FunctionalInterface
    private interface ServerCheck {
        void check(Process server) throws Exception;
    }
}
