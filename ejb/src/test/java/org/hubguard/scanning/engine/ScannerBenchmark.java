package org.hubguard.scanning.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The scanner's own throughput, for bench/scanner-throughput.sh:
 * {@code file PATH REPEATS} prints "file, bytes, median ms, verdict"; {@code dir PATH} scans every file once
 * (after a warm-up pass) and prints "dir, files, seconds, verdicts".
 */
public final class ScannerBenchmark {

    private ScannerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ModelScanner scanner = new ModelScanner();
        Path path = Path.of(args[1]);
        if (args[0].equals("file")) {
            int repeats = Integer.parseInt(args[2]);
            ScanReport report = null;
            for (int i = 0; i < 3; i++) {
                report = scanner.scan(path);
            }
            long[] times = new long[repeats];
            for (int i = 0; i < repeats; i++) {
                long start = System.nanoTime();
                report = scanner.scan(path);
                times[i] = System.nanoTime() - start;
            }
            Arrays.sort(times);
            System.out.printf("file\t%s\t%d\t%.3f\t%s%n", path.getFileName(), Files.size(path), times[repeats / 2] / 1e6,
                    report.verdict().wireName());
            return;
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(path)) {
            list.sorted().forEach(files::add);
        }
        for (Path file : files.subList(0, Math.min(500, files.size()))) {
            scanner.scan(file);
        }
        Map<String, Integer> verdicts = new TreeMap<>();
        long start = System.nanoTime();
        for (Path file : files) {
            verdicts.merge(scanner.scan(file).verdict().wireName(), 1, Integer::sum);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("dir\t%s\t%d\t%.3f\t%s%n", path.getFileName(), files.size(), seconds, verdicts);
    }
}
