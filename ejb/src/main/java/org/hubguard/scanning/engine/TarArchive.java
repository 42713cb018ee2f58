package org.hubguard.scanning.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Tar archives, read as Python's tarfile reads them: torch.load tries {@code tarfile.open} on every non-zip file
 * first (its oldest checkpoint format), and .tar.gz bundles are common. Each regular member is judged by content.
 */
final class TarArchive {

    private static final int BLOCK = 512;

    private TarArchive() {
    }

    /** Whether the first block is a tar header with a valid checksum (Python's test; no magic needed). */
    static boolean isTar(RandomAccessSource source) throws IOException {
        if (source.size() < BLOCK) {
            return false;
        }
        byte[] header = ZipArchive.read(source, 0, BLOCK);
        return !allZero(header) && checksumOk(header);
    }

    static String scan(ScanContext ctx, ContentScanner content, RandomAccessSource data, String at, int depth)
            throws IOException, Malformed, LimitExceeded {
        long position = 0;
        int members = 0;
        String longName = null;
        String paxPath = null;
        long size = data.size();
        while (position + BLOCK <= size) {
            byte[] h = ZipArchive.read(data, position, BLOCK);
            if (allZero(h)) {
                break;
            }
            if (!checksumOk(h)) {
                throw new Malformed("tar header with a bad checksum at byte " + position);
            }
            if (++members > ctx.limits().maxEntries()) {
                throw new LimitExceeded("more than " + ctx.limits().maxEntries() + " tar members");
            }
            long length = number(h, 124, 12, position);
            long dataStart = position + BLOCK;
            if (length < 0 || length > size - dataStart) {
                throw new Malformed("tar member at byte " + position + " runs past the end of the archive");
            }
            char type = (char) h[156];
            String name = longName != null ? longName : paxPath != null ? paxPath : name(h);
            switch (type) {
                case 'L' -> longName = text(ZipArchive.read(data, dataStart, (int) Math.min(length, 65536)));
                case 'x' -> paxPath = paxPath(ZipArchive.read(data, dataStart, (int) Math.min(length, 1 << 20)));
                case 'K', 'g' -> { } // a long link name, global attributes: no member of their own
                default -> {
                    if (type < '1' || type > '6') { // links, devices, directories and FIFOs have no data
                        content.scan(data.slice(dataStart, length), ScanContext.child(at, name), name, depth + 1);
                    }
                    longName = null;
                    paxPath = null;
                }
            }
            position = dataStart + (length + BLOCK - 1) / BLOCK * BLOCK;
        }
        ctx.format(at, Rating.INNOCUOUS, "tar: " + members + " members, each judged by content");
        return "tar";
    }

    private static String name(byte[] h) {
        String name = text(java.util.Arrays.copyOfRange(h, 0, 100));
        boolean ustar = h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r';
        String prefix = ustar ? text(java.util.Arrays.copyOfRange(h, 345, 500)) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String paxPath(byte[] records) {
        for (String record : new String(records, StandardCharsets.UTF_8).split("\n")) {
            int eq = record.indexOf(" path=");
            if (eq >= 0) {
                return record.substring(eq + 6);
            }
        }
        return null;
    }

    private static String text(byte[] bytes) {
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    /** An octal field, or GNU's base-256 one (high bit set). */
    private static long number(byte[] h, int offset, int length, long position) throws Malformed {
        if ((h[offset] & 0x80) != 0) {
            long value = 0;
            for (int i = offset + 1; i < offset + length; i++) {
                if (value >>> 55 != 0) {
                    throw new Malformed("tar size out of range at byte " + position);
                }
                value = value << 8 | (h[i] & 0xff);
            }
            return value;
        }
        long value = 0;
        boolean digits = false;
        for (int i = offset; i < offset + length; i++) {
            int c = h[i];
            if (c == 0 || c == ' ') {
                if (digits) {
                    break;
                }
                continue;
            }
            if (c < '0' || c > '7' || value >>> 60 != 0) {
                throw new Malformed("tar size is not octal at byte " + position);
            }
            value = value * 8 + (c - '0');
            digits = true;
        }
        return value;
    }

    private static boolean checksumOk(byte[] h) {
        long stored;
        try {
            stored = number(h, 148, 8, 0);
        } catch (Malformed e) {
            return false;
        }
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            int b = i >= 148 && i < 156 ? ' ' : h[i];
            unsigned += b & 0xff;
            signed += b;
        }
        return stored == unsigned || stored == signed;
    }

    private static boolean allZero(byte[] h) {
        for (byte b : h) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
