package org.hubguard.scanning.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

/** Both corpora as seeds of the fuzz tests (Jazzer records them as its starting corpus when fuzzing). */
final class FuzzSeeds {

    private FuzzSeeds() {
    }

    static Stream<Arguments> corpora() {
        List<Arguments> seeds = new ArrayList<>();
        for (CorpusTest.Entry entry : concat(CorpusTest.manifest("benign"), CorpusTest.manifest("malicious"))) {
            String name = entry.file().getFileName().toString();
            if (name.contains("flood") || name.contains("bomb")) {
                continue; // they test volume, not structure: CorpusTest has them; instrumented, they only burn the time budget
            }
            try {
                if (Files.size(entry.file()) <= 1 << 20) {
                    seeds.add(Arguments.of((Object) Files.readAllBytes(entry.file())));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return seeds.stream();
    }

    private static List<CorpusTest.Entry> concat(List<CorpusTest.Entry> a, List<CorpusTest.Entry> b) {
        List<CorpusTest.Entry> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    private static final java.util.concurrent.atomic.AtomicBoolean WARM = new java.util.concurrent.atomic.AtomicBoolean();

    /** CPU time of the current thread, to bound the cost of one input however loaded the machine is. */
    static long cpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /**
     * Fails when one input cost more than 5 s of CPU; the first input of a JVM is exempt (it pays for loading and
     * instrumenting the classes). Hangs are libFuzzer's -timeout.
     */
    static void assertCheap(long startCpuNanos) {
        if (WARM.getAndSet(true) && cpuNanos() - startCpuNanos > 5_000_000_000L) {
            throw new AssertionError("one input cost more than 5 s of CPU");
        }
    }

    /** Limits for fuzzing: every path of the real ones, at a size that keeps each instrumented input cheap. */
    static final ScanLimits LIMITS = new ScanLimits(3, 100, 1 << 20, 8 << 20, 4 << 20, 1 << 16, 1 << 18, 1 << 16, 4096, 300);

    /** A file name chosen by the input's length, so that name claims are fuzzed without consuming input bytes. */
    static String name(byte[] data) {
        String[] names = {"model.pkl", "pytorch_model.bin", "model.safetensors", "x.npy", "x.npz", "m.joblib", "data", "a.pt.gz", "README.md"};
        return names[data.length % names.length];
    }

}
