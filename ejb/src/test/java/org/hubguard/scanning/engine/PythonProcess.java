package org.hubguard.scanning.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the scripts under ejb/src/test/corpus with Debian's Python 3 (which has python3-torch, python3-numpy and
 * python3-joblib). A missing interpreter or package fails the test, naming what to install: CI installs them.
 */
final class PythonProcess {

    static final String PACKAGES = "python3-torch python3-numpy python3-joblib";

    private PythonProcess() {
    }

    static Path python() {
        Path python = Paths.get(System.getenv().getOrDefault("HUBGUARD_PYTHON", "/usr/bin/python3"));
        if (!Files.isExecutable(python)) {
            fail(python + " is missing: install Debian's Python with " + PACKAGES + " (apt-get install python3 " + PACKAGES
                    + ", or ./hubguard setup)");
        }
        return python;
    }

    static Path script(String name) {
        Path dir = Paths.get("src/test/corpus");
        if (!Files.isDirectory(dir)) {
            dir = Paths.get("ejb/src/test/corpus");
        }
        Path script = dir.resolve(name).toAbsolutePath();
        assertTrue(Files.isRegularFile(script), script + " is missing");
        return script;
    }

    /** Runs a script with arguments and stdin; returns stdout. Fails on a non-zero exit, showing stderr. */
    static String run(String script, String stdin, long timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python().toString(), script(script).toString()));
        command.addAll(List.of(args));
        Path err = Files.createTempFile("hubguard-python", ".err");
        Path in = Files.createTempFile("hubguard-python", ".in");
        Path out = Files.createTempFile("hubguard-python", ".out");
        try {
            Files.writeString(in, stdin); // files, not pipes: a full pipe would block both processes
            Process process = new ProcessBuilder(command).redirectInput(in.toFile()).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(script + " took longer than " + timeoutSeconds + " s");
            }
            String stderr = Files.readString(err);
            if (process.exitValue() == 3) {
                fail(stderr.strip() + " (install " + PACKAGES + ": apt-get install " + PACKAGES + ", or ./hubguard setup)");
            }
            assertEquals(0, process.exitValue(), script + " failed: " + stderr);
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(err);
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
        }
    }
}
