package org.hubguard.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real git CLI, isolated from the machine's configuration, never prompting. */
public final class GitCli {

    public record Result(int exitCode, String output) {

        public Result ok() {
            if (exitCode != 0) {
                throw new AssertionError("git failed (" + exitCode + "):\n" + output);
            }
            return this;
        }
    }

    private final Path home;

    public GitCli() throws IOException {
        home = Files.createTempDirectory(TestServer.targetDir(), "git-home");
    }

    /** http://127.0.0.1:port/{path}, with the token as the password when given. */
    public static String url(String path, String token) {
        return url(TestServer.BASE_URL, path, token);
    }

    /** {@code base}{path} (base like http://127.0.0.1:8080), with the token as the password when given. */
    public static String url(String base, String path, String token) {
        return token == null ? base + path : base.replace("http://", "http://git-user:" + token + "@") + path;
    }

    public Result run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Test Author", "-c", "user.email=author@example.test",
                "-c", "init.defaultBranch=main", "-c", "credential.helper="));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("HOME", home.toString());
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        builder.environment().remove("GIT_ASKPASS");
        builder.environment().remove("SSH_ASKPASS");
        Process process = builder.start();
        process.getOutputStream().close(); // git never waits for input that will not come
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("git " + String.join(" ", args) + " did not finish:\n" + output);
        }
        return new Result(process.exitValue(), output);
    }

    public Path newDir(String prefix) throws IOException {
        return Files.createTempDirectory(home, prefix);
    }
}
