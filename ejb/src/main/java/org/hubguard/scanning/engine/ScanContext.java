package org.hubguard.scanning.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One scan's state: the limits, the findings so far, the decompression budget and temporary files. */
final class ScanContext implements AutoCloseable {

    final ScanLimits limits;

    ScanLimits limits() {
        return limits;
    }
    final PicklePolicy policy;
    private final Path tempDir;
    private final Set<Finding> findings = new LinkedHashSet<>();
    private final List<RandomAccessSource> opened = new ArrayList<>();
    private final List<Path> tempFiles = new ArrayList<>();
    private Verdict worst = Verdict.SAFE;
    private int dropped;
    private long expanded;

    ScanContext(ScanLimits limits, PicklePolicy policy, Path tempDir) {
        this.limits = limits;
        this.policy = policy;
        this.tempDir = tempDir;
    }

    void add(Finding finding) {
        if (finding.verdict().compareTo(worst) > 0) {
            worst = finding.verdict();
        }
        if (findings.contains(finding)) {
            return;
        }
        if (findings.size() >= limits.maxFindings()) {
            dropped++;
            return;
        }
        findings.add(finding);
    }

    void importFound(String location, PickleGlobal global) {
        add(Finding.importOf(location, global, policy.judge(global)));
    }

    void format(String location, Rating rating, String why) {
        add(Finding.format(location, rating, why));
    }

    void error(String location, String why) {
        add(Finding.error(location, why));
    }

    Verdict verdict() {
        return worst;
    }

    /** The findings, most severe first (stable otherwise), for the report. */
    List<Finding> findings() {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparing(Finding::verdict, Comparator.comparingInt(v -> switch (v) {
            case UNSAFE -> 0;
            case ERROR -> 1;
            case SUSPICIOUS -> 2;
            case SAFE -> 3;
        })));
        return sorted;
    }

    int dropped() {
        return dropped;
    }

    /** Charges decompressed bytes to the scan-wide budget. */
    void expand(long bytes) throws LimitExceeded {
        expanded += bytes;
        if (expanded > limits.maxTotalExpansion()) {
            throw new LimitExceeded("more than " + limits.maxTotalExpansion() + " bytes decompressed in one file");
        }
    }

    Path newTempFile() throws IOException {
        Path file = tempDir == null ? Files.createTempFile("hubguard-scan", ".bin") : Files.createTempFile(tempDir, "hubguard-scan", ".bin");
        tempFiles.add(file);
        return file;
    }

    /** Keeps a source opened during the scan, to close it with the scan. */
    <T extends RandomAccessSource> T track(T source) {
        opened.add(source);
        return source;
    }

    @Override
    public void close() {
        for (RandomAccessSource source : opened) {
            try {
                source.close();
            } catch (IOException ignored) {
                // closing a read-only file cannot lose data
            }
        }
        for (Path file : tempFiles) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file left behind is removed with the temporary directory
            }
        }
    }

    static String child(String location, String name) {
        return location.isEmpty() ? name : location + "!/" + name;
    }
}
