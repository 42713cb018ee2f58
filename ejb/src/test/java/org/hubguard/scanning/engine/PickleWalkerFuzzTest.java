package org.hubguard.scanning.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the pickle walker and the stream logic around it (several pickles, legacy torch, joblib arrays): any input
 * ends in a walk result, never an exception, a hang or unbounded memory. Fuzzed for a bounded time by the
 * fuzz-pickle-walker surefire execution (a failing input is written to target/jazzer/: fix the bug, then add the input
 * to corpus/fuzz-findings with its expected verdict); plain runs replay the seeds.
 */
class PickleWalkerFuzzTest {

    @MethodSource("org.hubguard.scanning.engine.FuzzSeeds#corpora")
    @FuzzTest(maxDuration = "15s")
    void walksAnyBytes(byte[] data) throws Exception {
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
