package org.hubguard.scanning.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bypasses are real: prove_bypass.py builds corpus techniques with a payload that creates a marker file and
 * loads each with the real loader (pickle.load, torch.load, numpy.load, joblib.load) in a throwaway process. Every
 * marker must appear, and hubguard must not call any of those files safe.
 */
class ProvenBypassTest {

    @Test
    void eachProvenBypassRunsItsPayloadAndIsNotSafe(@TempDir Path dir) throws Exception {
        String output = PythonProcess.run("prove_bypass.py", "", 300, dir.toString());
        Map<String, Verdict> expected = new HashMap<>();
        CorpusTest.manifest("malicious").forEach(e -> expected.put(e.file().getFileName().toString(), e.expected()));
        Set<String> loaders = new TreeSet<>();
        int proven = 0;
        for (String line : output.strip().split("\n")) {
            String[] f = line.split("\t");
            assertEquals("ran", f[2], "loading " + f[0] + " with " + f[1] + " did not run its payload: not a real bypass");
            ScanReport report = new ModelScanner().scan(dir.resolve(f[0]));
            assertNotEquals(Verdict.SAFE, report.verdict(), f[0] + " ran code under " + f[1] + " but was called safe: " + report.serialize());
            assertEquals(expected.get(f[0]), report.verdict(), f[0] + ": " + report.serialize());
            loaders.add(f[1]);
            proven++;
        }
        assertTrue(proven >= 25, "bypasses proven: " + proven);
        assertTrue(loaders.containsAll(List.of("pickle", "torch", "numpy", "joblib")), "every loader is exercised: " + loaders);
    }
}
