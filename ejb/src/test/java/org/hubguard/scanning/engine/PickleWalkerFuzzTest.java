package org.hubguard.scanning.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the pickle walker and the stream logic around it (several pickles, legacy torch, joblib arrays): any input
 * ends in a walk result, never an exception, a hang or unbounded memory. Plain runs replay the seeds (both corpora);
 * {@link ScannerFuzzTest} fuzzes it in every test run; to fuzz it alone, longer:
 * {@code JAZZER_FUZZ=1 mvn -pl ejb test -Dfuzz.skip=true -Dtest=PickleWalkerFuzzTest}.
 */
class PickleWalkerFuzzTest {

    @MethodSource("org.hubguard.scanning.engine.FuzzSeeds#corpora")
    @FuzzTest(maxDuration = "5m")
    void walksAnyBytes(byte[] data) throws Exception {
        walk(data);
    }

    static void walk(byte[] data) throws Exception {
        long start = FuzzSeeds.cpuNanos();
        RandomAccessSource source = RandomAccessSource.of(data);
        PickleWalk walk = PickleWalker.walk(new ByteCursor(source, 0), FuzzSeeds.LIMITS, null);
        assertTrue(walk.end <= data.length && (walk.stopped || walk.failure != null));
        try (ScanContext ctx = new ScanContext(FuzzSeeds.LIMITS, PicklePolicy.standard(), null)) {
            PickleStreams.scan(ctx, source, 0, "", true);
            ScanReport report = new ScanReport(ctx.verdict(), "pickle", ctx.findings(), ctx.dropped());
            assertTrue(ScanReport.parse(report.serialize()).verdict() == report.verdict());
        }
        FuzzSeeds.assertCheap(start);
    }
}
