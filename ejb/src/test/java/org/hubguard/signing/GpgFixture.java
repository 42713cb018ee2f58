package org.hubguard.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A temporary GNUPGHOME and git repository in which the real gpg makes keys and the real git signs commits. */
final class GpgFixture implements AutoCloseable {

    final Path home;
    final Path work;

    GpgFixture() throws IOException, InterruptedException {
        home = Files.createTempDirectory(Path.of("/tmp"), "hg-gpg"); // short: gpg-agent's socket path is limited
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        work = Files.createTempDirectory("hg-git");
        run(work, "git", "init", "-q", "-b", "main");
    }

    @Override
    public void close() throws Exception {
        run(home, "gpgconf", "--kill", "gpg-agent");
        for (Path dir : List.of(home, work)) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A new key (no passphrase); returns its fingerprint. */
    String newKey(String name, String email, String algo, String usage, String expiry, String fakedTime) throws Exception {
        List<String> command = new ArrayList<>(List.of("gpg", "--batch", "--status-fd", "1", "--passphrase", ""));
        if (fakedTime != null) {
            command.addAll(List.of("--faked-system-time", fakedTime));
        }
        command.addAll(List.of("--quick-gen-key", name + " <" + email + ">", algo, usage, expiry));
        return created(run(home, command.toArray(String[]::new)));
    }

    String newKey(String name, String email, String algo, String usage) throws Exception {
        return newKey(name, email, algo, usage, "1y", null);
    }

    /** Adds a subkey to the key; returns the subkey's fingerprint. */
    String addSubkey(String fpr, String algo, String usage) throws Exception {
        return created(run(home, "gpg", "--batch", "--status-fd", "1", "--passphrase", "", "--quick-add-key", fpr, algo, usage, "1y"));
    }

    /** The fingerprint in gpg's "[GNUPG:] KEY_CREATED P|S|B fingerprint" status line. */
    private static String created(String status) {
        return status.lines().filter(l -> l.startsWith("[GNUPG:] KEY_CREATED ")).findFirst().orElseThrow().split(" ")[3];
    }

    void addUserId(String fpr, String userId) throws Exception {
        run(home, "gpg", "--batch", "--passphrase", "", "--quick-add-uid", fpr, userId);
    }

    /** The primary key's fingerprint first, then its subkeys'. */
    List<String> fingerprints(String keyOrEmail) throws Exception {
        return run(home, "gpg", "--batch", "--with-colons", "--list-keys", keyOrEmail).lines()
                .filter(l -> l.startsWith("fpr:")).map(l -> l.split(":")[9]).toList();
    }

    String export(String fpr) throws Exception {
        return run(home, "gpg", "--batch", "--armor", "--export", fpr);
    }

    byte[] exportBinary(String fpr) throws Exception {
        return runBytes(home, "gpg", "--batch", "--export", fpr);
    }

    byte[] exportSecret(String fpr) throws Exception {
        return runBytes(home, "gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "", "--export-secret-keys", fpr);
    }

    /** A commit signed by the real git with {@code key} (a fingerprint; a trailing ! picks that exact subkey). */
    byte[] signedCommit(String key, String email, String message, String fakedTime) throws Exception {
        Path program = home.resolve("gpg-" + (fakedTime == null ? "now" : fakedTime));
        Files.writeString(program, "#!/bin/sh\nexec gpg " + (fakedTime == null ? "" : "--faked-system-time " + fakedTime + " ") + "\"$@\"\n");
        program.toFile().setExecutable(true);
        run(work, "git", "-c", "user.name=Signer", "-c", "user.email=" + email, "-c", "gpg.program=" + program,
                "commit", "-q", "--allow-empty", "-S" + key, "-m", message);
        return rawHead();
    }

    byte[] signedCommit(String key, String email, String message) throws Exception {
        return signedCommit(key, email, message, null);
    }

    byte[] unsignedCommit(String email, String message) throws Exception {
        run(work, "git", "-c", "user.name=Signer", "-c", "user.email=" + email, "commit", "-q", "--allow-empty", "--no-gpg-sign", "-m", message);
        return rawHead();
    }

    byte[] rawHead() throws Exception {
        return run(work, "git", "cat-file", "commit", "HEAD").getBytes(StandardCharsets.UTF_8);
    }

    String run(Path dir, String... command) throws IOException, InterruptedException {
        return new String(runBytes(dir, command), StandardCharsets.UTF_8);
    }

    private byte[] runBytes(Path dir, String... command) throws IOException, InterruptedException {
        return runWithInput(dir, "", command);
    }

    /** Runs the command with {@code input} as its standard input (answers to gpg's --command-fd 0 prompts). */
    byte[] runWithInput(Path dir, String input, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("GNUPGHOME", home.toString());
        builder.environment().put("HOME", home.toString());
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        builder.redirectError(ProcessBuilder.Redirect.appendTo(home.resolve("stderr.log").toFile()));
        Process process = builder.start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + new String(output, StandardCharsets.UTF_8)
                    + "\n" + Files.readString(home.resolve("stderr.log")));
        }
        return output;
    }
}
