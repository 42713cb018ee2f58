package org.hubguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hubguard.it.support.Browser;
import org.hubguard.it.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * Boots hubguard the way the README's run command does ({@code ./hubguard serve} is what {@code ./hubguard
 * run} does after building), on the embedded H2 database, signs in as the first administrator with the
 * password it printed, then restarts it and signs in again: the data survived.
 */
class RunCommandSmokeIT {

    private static final int HTTP_PORT = 8380;
    private static final String BASE = "http://127.0.0.1:" + HTTP_PORT;
    private static final Pattern PRINTED_PASSWORD = Pattern.compile("password: (\\S+)");

    @RegisterExtension
    static final Browser BROWSER = new Browser();

    @Test
    void theRunCommandServesTheSignInPageAndTheAdministratorCanSignIn() throws Exception {
        Path home = TestServer.targetDir().resolve("smoke-home");
        deleteRecursively(home);

        String firstOutput = runServer(home, "smoke-run-1.log", () -> {
            assertTrue(health().contains("\"H2"), "the run command uses the embedded H2 database: " + health());
        });
        Matcher printed = PRINTED_PASSWORD.matcher(firstOutput);
        assertTrue(printed.find(), "the first start prints the administrator's password:\n" + firstOutput);
        String password = printed.group(1);
        assertTrue(firstOutput.contains("http://localhost:" + HTTP_PORT + "/"), "the URL is printed");
        assertEquals(password, Files.readString(home.resolve("server/data/hubguard/initial-admin-password")).trim());

        String secondOutput = runServer(home, "smoke-run-2.log", () -> { });
        assertFalse(PRINTED_PASSWORD.matcher(secondOutput.replace("password in", "")).find(),
                "the password is printed only on the first start");
        assertTrue(secondOutput.contains("initial-admin-password"), "the second start says where the password is");
    }

    private String runServer(Path home, String logName, ThrowingRunnable whileUp) throws Exception {
        Path log = TestServer.targetDir().resolve(logName);
        ProcessBuilder builder = new ProcessBuilder(TestServer.repoDir().resolve("hubguard").toString(), "serve")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("HUBGUARD_"));
        builder.environment().put("HUBGUARD_HOME", home.toString());
        builder.environment().put("HUBGUARD_HTTP_PORT", String.valueOf(HTTP_PORT));
        builder.environment().put("HUBGUARD_MANAGEMENT_PORT", "10290");
        Process server = builder.start();
        try {
            waitUntilUp(server, log);
            whileUp.run();
            String output = Files.readString(log);
            Matcher printed = PRINTED_PASSWORD.matcher(output);
            String password = printed.find() ? printed.group(1)
                    : Files.readString(home.resolve("server/data/hubguard/initial-admin-password")).trim();
            signInAsAdmin(password); // after the restart: the account survived in the H2 file database
            return output;
        } finally {
            stop(server);
        }
    }

    private static void signInAsAdmin(String password) {
        WebDriver driver = BROWSER.driver();
        driver.manage().deleteAllCookies();
        driver.get(BASE + "/login");
        driver.findElement(By.id("login:login")).sendKeys("admin");
        driver.findElement(By.id("login:password")).sendKeys(password);
        BROWSER.submit("login:submit");
        assertEquals("admin", driver.findElement(By.id("nav-settings")).getText(), driver.getPageSource());
        driver.findElement(By.id("signout-button")).click();
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
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(BASE + "/api/health"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
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

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
