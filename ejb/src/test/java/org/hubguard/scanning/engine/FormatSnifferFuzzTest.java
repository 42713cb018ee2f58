package org.hubguard.scanning.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the whole scanner from the format sniffer down (every format, nesting, decompression): any input gets a
 * verdict, never an exception; the stored form is printable ASCII and reads back; bytes that no format claims and
 * no pickle walk accepts are never reported as an import. Fuzzed by {@link ScannerFuzzTest}; alone, longer:
 * {@code JAZZER_FUZZ=1 mvn -pl ejb test -Dfuzz.skip=true -Dtest=FormatSnifferFuzzTest}.
 */
class FormatSnifferFuzzTest {

    private static final ModelScanner SCANNER = new ModelScanner(FuzzSeeds.LIMITS, PicklePolicy.standard(), null);

    @MethodSource("org.hubguard.scanning.engine.FuzzSeeds#corpora")
    @FuzzTest(maxDuration = "5m")
    void judgesAnyFile(byte[] data) {
        judge(data);
    }

    static void judge(byte[] data) {
        long start = FuzzSeeds.cpuNanos();
        ScanReport report = SCANNER.scan(data, FuzzSeeds.name(data));
        String stored = report.serialize(4000);
        assertTrue(stored.length() <= 4000 && stored.chars().allMatch(c -> c >= 0x20 && c < 0x7f), stored);
        assertEquals(report.verdict(), ScanReport.parse(stored).verdict());
        FuzzSeeds.assertCheap(start);
    }
}
