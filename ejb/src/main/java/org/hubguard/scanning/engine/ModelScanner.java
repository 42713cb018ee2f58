package org.hubguard.scanning.engine;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The model scanner: judges one file by its content (pickle streams, zip and tar archives, gzip/bz2/xz/lzma/zlib/lz4
 * wrappers, numpy .npy/.npz, joblib, safetensors, nested to a bounded depth) against a default-deny pickle policy,
 * without ever running the file. Thread-safe; one instance serves every scan.
 *
 * <pre>{@code
 * ScanReport report = new ModelScanner().scan(RandomAccessSource.of(path), "models/x/pytorch_model.bin");
 * report.verdict();      // SAFE, SUSPICIOUS, ERROR or UNSAFE
 * report.serialize();    // compact JSON for storage
 * }</pre>
 */
public final class ModelScanner {

    /** Changes whenever the verdict on some file could change: stored results of older versions are stale. */
    public static final String VERSION = "hubguard-model-scanner/1";

    private final ScanLimits limits;
    private final PicklePolicy policy;
    private final Path tempDir;

    public ModelScanner() {
        this(ScanLimits.defaults(), PicklePolicy.standard(), null);
    }

    /** @param tempDir where large decompressed data is spilled (null: the JVM's temporary directory) */
    public ModelScanner(ScanLimits limits, PicklePolicy policy, Path tempDir) {
        this.limits = limits;
        this.policy = policy;
        this.tempDir = tempDir;
    }

    /**
     * Judges a file. {@code path} is only a hint (a name that claims a format the content does not have is itself
     * reported); the content decides. Throws IOException only when the source cannot be read.
     */
    public ScanReport scan(RandomAccessSource file, String path) throws IOException {
        try (ScanContext ctx = new ScanContext(limits, policy, tempDir)) {
            String format = new ContentScanner(ctx).scan(file, "", path == null ? "" : path, 0);
            return new ScanReport(ctx.verdict(), format, ctx.findings(), ctx.dropped());
        }
    }

    public ScanReport scan(Path file) throws IOException {
        try (RandomAccessSource source = RandomAccessSource.of(file)) {
            return scan(source, file.getFileName() == null ? "" : file.getFileName().toString());
        }
    }

    public ScanReport scan(byte[] bytes, String path) {
        try {
            return scan(RandomAccessSource.of(bytes), path);
        } catch (IOException e) {
            throw new IllegalStateException("reading memory failed", e);
        }
    }
}
