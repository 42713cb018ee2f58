package org.hubguard.scanning.engine;

/**
 * Bounds on what one scan may cost, so that no file (a bomb, absurd nesting, a billion memo slots) can exhaust the
 * server. A file that would exceed them gets an {@code ERROR} verdict, never {@code SAFE}.
 *
 * @param maxDepth            archives and compressed wrappers opened inside each other (a zip in a gzip is 2)
 * @param maxExpansionRatio   decompressed bytes allowed per compressed byte...
 * @param minExpansion        ...but always at least this many bytes (small, very compressible files are common)
 * @param maxTotalExpansion   decompressed bytes over the whole scan
 * @param inMemoryLimit       decompressed data larger than this goes to a temporary file
 * @param maxMarks            nested MARKs in one pickle
 * @param maxModeled          strings and container items the pickle walker keeps per pickle
 * @param maxMemoSparse       memo slots at indices above four million
 * @param maxEntries          entries of one zip or tar archive
 * @param maxFindings         findings kept in the report (the verdict always counts every one)
 */
public record ScanLimits(int maxDepth, long maxExpansionRatio, long minExpansion, long maxTotalExpansion, long inMemoryLimit,
                         int maxMarks, int maxModeled, int maxMemoSparse, int maxEntries, int maxFindings) {

    public static ScanLimits defaults() {
        return new ScanLimits(3, 100, 64L << 20, 4L << 30, 32L << 20, 1 << 20, 1 << 21, 1 << 20, 65_536, 300);
    }
}
