package org.hubguard.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A hubguard started the way the README's run command starts it ({@code ./hubguard serve}), with a home
 * and a port offset of its own, for tests that need to stop, kill or reconfigure their server.
 */
public final class ServerProcess implements AutoCloseable {

    private final Path home;
    private final int offset;
    private final Map<String, String> env;
    private Process process;
    private Path log;
    private int starts;

    public ServerProcess(Path home, int offset, Map<String, String> env) {
        this.home = home;
        this.offset = offset;
        this.env = env;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + (8080 + offset);
    }

    public Path home() {
        return home;
    }

    /** Starts the server and waits until hubguard is deployed; the log is target/{name}-{n}.log. */
    public String start(String name) throws Exception {
        Process started = launch(name, Map.of());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < deadline) {
            if (!started.isAlive()) {
                throw new AssertionError("the server stopped:\n" + Files.readString(log));
            }
            if (Files.readString(log).contains("hubguard: ready at")) {
                return Files.readString(log);
            }
            Thread.sleep(500);
        }
        throw new AssertionError("hubguard was not deployed within 300 s:\n" + Files.readString(log));
    }

    /** Runs {@code ./hubguard serve} with extra settings until it exits by itself; returns its exit code. */
    public int runUntilExit(String name, Map<String, String> extra) throws Exception {
        Process started = launch(name, extra);
        if (!started.waitFor(300, TimeUnit.SECONDS)) {
            kill();
            throw new AssertionError("the server did not exit:\n" + Files.readString(log));
        }
        process = null;
        return started.exitValue();
    }

    private Process launch(String name, Map<String, String> extra) throws IOException {
        log = TestServer.targetDir().resolve(name + "-" + (++starts) + ".log");
        ProcessBuilder builder = new ProcessBuilder(TestServer.repoDir().resolve("hubguard").toString(), "serve")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("HUBGUARD_"));
        builder.environment().put("HUBGUARD_HOME", home.toString());
        builder.environment().put("HUBGUARD_PORT_OFFSET", String.valueOf(offset));
        builder.environment().putAll(env);
        builder.environment().putAll(extra);
        process = builder.start();
        return process;
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    /** kill -9 of the server's JVM: no shutdown, no cleanup, as a crash. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            process = null;
        }
    }

    /** A clean stop (SIGTERM). */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process = null;
        }
    }

    /** The local clamd the run command started for this home (port 3310 + offset): stopped, or started again. */
    public void stopClamd() throws IOException, InterruptedException {
        Path pid = home.resolve("clamd/clamd.pid");
        if (Files.exists(pid)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).ifPresent(clamd -> {
                clamd.destroy();
                clamd.onExit().join();
            });
        }
    }

    public void startClamd() throws IOException, InterruptedException {
        Process clamd = new ProcessBuilder("clamd", "--config-file=" + home.resolve("clamd/clamd.conf")).inheritIO().start();
        clamd.waitFor(60, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", 3310 + offset)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(500);
            }
        }
        throw new AssertionError("clamd did not start again");
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws Exception {
        stop();
        stopClamd();
    }

    public static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
