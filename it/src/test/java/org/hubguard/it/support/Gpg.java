package org.hubguard.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real gpg in a home of its own: makes keys, exports them, and signs commits made with the real git. */
public final class Gpg implements AutoCloseable {

    private final Path home;

    public Gpg() throws IOException {
        home = Files.createTempDirectory(Path.of("/tmp"), "hg-it-gpg");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    }

    /** A new signing key for "name &lt;email&gt;"; returns its fingerprint. */
    public String newKey(String name, String email) throws Exception {
        run("gpg", "--batch", "--passphrase", "", "--quick-gen-key", name + " <" + email + ">", "ed25519", "sign,cert", "1y");
        return run("gpg", "--batch", "--with-colons", "--list-keys", name + " <" + email + ">").lines()
                .filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
    }

    public String export(String fingerprint) throws Exception {
        return run("gpg", "--batch", "--armor", "--export", fingerprint);
    }

    /** Appends a line to log.txt and commits it, signed with {@code key} (or unsigned when null). */
    public void commit(GitCli git, Path work, String key, String name, String email, String message) throws Exception {
        Files.writeString(work.resolve("log.txt"), message + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        git.run(work, "add", ".").ok();
        Path program = home.resolve("gpg-program");
        Files.writeString(program, "#!/bin/sh\nGNUPGHOME=" + home + " exec gpg \"$@\"\n");
        program.toFile().setExecutable(true);
        List<String> args = new ArrayList<>(List.of("-c", "user.name=" + name, "-c", "user.email=" + email, "-c", "gpg.program=" + program,
                "commit", "-q", "-m", message));
        args.add(key == null ? "--no-gpg-sign" : "-S" + key);
        git.run(work, args.toArray(String[]::new)).ok();
    }

    private String run(String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("GNUPGHOME", home.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed");
        }
        return output;
    }

    @Override
    public void close() throws Exception {
        new ProcessBuilder("gpgconf", "--kill", "gpg-agent").redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
        try (var files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
