package org.hubguard.scanning.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Judges a zip (torch checkpoints, numpy .npz, anything zipped) as torch and Python's zipfile read it: every entry
 * of the central directory is looked at; entries named {@code *.pkl} and entries whose content is a pickle (or
 * another format) are judged; tensor data is only sniffed. A zip that says different things to different readers
 * (local headers against the central directory, duplicate or case-colliding names, hidden bytes, flag bits torch
 * ignores, CRCs that do not match) is itself suspicious.
 */
final class ZipScanner {

    /** General-purpose flags writers use: deflate options, data descriptor, UTF-8 names. Others mean tricks. */
    private static final int ORDINARY_FLAGS = 0x02 | 0x04 | 0x08 | 0x800;
    /** Deflated entries up to this size are decompressed to be sniffed; larger ones only when they start like a format. */
    private static final long SNIFF_WHOLE = 16L << 20;

    private ZipScanner() {
    }

    static String scan(ScanContext ctx, ContentScanner content, RandomAccessSource data, String at, int depth)
            throws IOException, Malformed, LimitExceeded {
        ZipArchive zip = ZipArchive.read(data, ctx.limits().maxEntries());
        zip.problems.forEach(p -> ctx.format(at, Rating.SUSPICIOUS, "zip: " + p));
        long claimed = 0;
        for (ZipArchive.Entry entry : zip.entries) {
            claimed += entry.compressedSize();
            if (claimed < 0 || claimed > data.size()) {
                // entries sharing or overlapping their data would make judging them cost a multiple of the file
                throw new LimitExceeded("zip entries claim more bytes than the archive holds (overlapping entries)");
            }
        }
        names(ctx, zip, at);
        layout(ctx, zip, at);
        int judged = 0;
        boolean torch = false;
        boolean npz = !zip.entries.isEmpty();
        Map<Long, String> byOffset = new HashMap<>();
        for (ZipArchive.Entry entry : zip.entries) {
            if (entry.isDirectory() && entry.compressedSize() == 0) {
                continue;
            }
            String same = byOffset.putIfAbsent(entry.headerOffset(), entry.name());
            if (same != null) {
                ctx.format(at, Rating.SUSPICIOUS, "zip: " + entry.name() + " is the same local entry as " + same
                        + " (entries sharing data: judged once)");
                continue;
            }
            String lower = entry.name().toLowerCase(Locale.ROOT);
            torch |= lower.endsWith("/data.pkl") || lower.equals("data.pkl");
            npz &= lower.endsWith(".npy");
            if (lower.contains("/code/") && lower.endsWith(".py") || lower.endsWith("/constants.pkl")) {
                ctx.format(at, Rating.SUSPICIOUS, "TorchScript archive (" + entry.name() + "): torch.load hands it to"
                        + " torch.jit.load, which compiles and runs its code");
            }
            if (entry(ctx, content, zip, entry, at, depth)) {
                judged++;
            }
        }
        String kind = torch ? "pytorch-zip" : npz ? "npz" : "zip";
        ctx.format(at, Rating.INNOCUOUS, kind + ": " + zip.entries.size() + " entries read from the central directory, "
                + judged + " judged by content");
        return kind;
    }

    /** Python keeps the last of two equal names, torch finds names case-insensitively: either way a reader is fooled. */
    private static void names(ScanContext ctx, ZipArchive zip, String at) {
        Map<String, String> exact = new HashMap<>();
        Map<String, String> folded = new HashMap<>();
        for (ZipArchive.Entry entry : zip.entries) {
            if (exact.put(entry.name(), entry.name()) != null) {
                ctx.format(at, Rating.SUSPICIOUS, "zip: two entries are named " + entry.name() + " (Python reads the last, torch either)");
                continue;
            }
            String other = folded.put(entry.name().toLowerCase(Locale.ROOT), entry.name());
            if (other != null) {
                ctx.format(at, Rating.SUSPICIOUS, "zip: entries " + other + " and " + entry.name()
                        + " differ only in case (torch's reader finds names case-insensitively)");
            }
        }
    }

    /** Every byte of a zip belongs to an entry, the central directory or the end records; anything else is hidden. */
    private static void layout(ScanContext ctx, ZipArchive zip, String at) throws IOException {
        List<ZipArchive.Entry> byOffset = new ArrayList<>(zip.entries);
        byOffset.sort(Comparator.comparingLong(ZipArchive.Entry::headerOffset));
        long expected = Math.max(0, zip.concat);
        for (ZipArchive.Entry entry : byOffset) {
            long start = entry.headerOffset();
            if (start > expected) {
                ctx.format(at, Rating.SUSPICIOUS, "zip: " + (start - expected) + " bytes before " + entry.name()
                        + " (byte " + expected + ") belong to no entry of the central directory (a hidden local entry?)");
            } else if (start < expected) {
                ctx.format(at, Rating.SUSPICIOUS, "zip: " + entry.name() + " overlaps the entry before it");
            }
            long end;
            try {
                ZipArchive.LocalHeader local = zip.local(entry);
                end = local.dataOffset() + entry.compressedSize();
                if (end > zip.source().size()) {
                    end = zip.source().size();
                } else if ((local.flags() & 0x08) != 0) {
                    end += zip.descriptor(entry, end).length();
                }
            } catch (Malformed e) {
                end = start; // reported when the entry is read
            }
            expected = Math.max(expected, end);
        }
        if (zip.centralStart > expected) {
            ctx.format(at, Rating.SUSPICIOUS, "zip: " + (zip.centralStart - expected) + " bytes between the last entry and the"
                    + " central directory belong to no entry (a hidden local entry?)");
        } else if (zip.centralStart < expected) {
            ctx.format(at, Rating.SUSPICIOUS, "zip: entry data overlaps the central directory");
        }
    }

    /** Checks one entry and judges its content; returns whether the content was judged (read). */
    private static boolean entry(ScanContext ctx, ContentScanner content, ZipArchive zip, ZipArchive.Entry entry, String at,
                                 int depth) throws IOException {
        String where = ScanContext.child(at, entry.name());
        ZipArchive.LocalHeader local;
        try {
            local = zip.local(entry);
        } catch (Malformed e) {
            ctx.error(where, "zip: " + e.getMessage());
            return false;
        }
        compare(ctx, zip, entry, local, where);
        if ((entry.flags() & 0x01) != 0) {
            ctx.format(where, Rating.SUSPICIOUS, "zip: entry marked encrypted (flag 0x1); read as plain data, as torch's reader may");
        }
        if ((entry.flags() & ~ORDINARY_FLAGS & ~0x01) != 0) {
            ctx.format(where, Rating.SUSPICIOUS, String.format(Locale.ROOT, "zip: unusual flag bits 0x%x (0x20 patched data, 0x40 strong"
                    + " encryption): readers disagree on them", entry.flags() & ~ORDINARY_FLAGS & ~0x01));
        }
        long dataEnd = local.dataOffset() + entry.compressedSize();
        if (dataEnd > zip.source().size() || dataEnd < local.dataOffset()) {
            ctx.error(where, "zip: entry data runs past the end of the file");
            return false;
        }
        boolean namedPickle = entry.name().toLowerCase(Locale.ROOT).endsWith(".pkl");
        try {
            RandomAccessSource data = open(ctx, zip, entry, local, where, namedPickle);
            if (data == null) {
                return false;
            }
            String label = content.scan(data, where, entry.name(), depth + 1);
            if (label.contains("pickle") || label.contains("joblib") || label.contains("pytorch-legacy") || namedPickle) {
                checkCrc(ctx, entry, data, where);
            }
            return true;
        } catch (Malformed e) {
            ctx.error(where, "zip: " + e.getMessage());
        } catch (LimitExceeded e) {
            ctx.error(where, "not judged completely: " + e.getMessage());
        }
        return false;
    }

    /**
     * The entry's content: stored data as a window into the file, compressed data expanded (bounded). Large
     * compressed entries that start like nothing loadable are only sniffed (returns null).
     */
    private static RandomAccessSource open(ScanContext ctx, ZipArchive zip, ZipArchive.Entry entry, ZipArchive.LocalHeader local,
                                           String where, boolean namedPickle) throws IOException, Malformed, LimitExceeded {
        RandomAccessSource file = zip.source();
        Codec codec = switch (entry.method()) {
            case 0 -> null;
            case 8 -> Codec.DEFLATE;
            case 12 -> Codec.BZIP2;
            case 14 -> Codec.ZIP_LZMA;
            default -> throw new Malformed("compression method " + entry.method() + " cannot be read (nor by torch or numpy)");
        };
        if (codec == null) {
            if (entry.compressedSize() != entry.size()) {
                ctx.format(where, Rating.SUSPICIOUS, "zip: stored entry whose sizes differ (" + entry.compressedSize() + " and " + entry.size() + ")");
            }
            return file.slice(local.dataOffset(), entry.compressedSize());
        }
        if (!namedPickle && entry.size() > SNIFF_WHOLE) {
            byte[] head = Expander.head(file, local.dataOffset(), entry.compressedSize(), codec, Sniffer.HEAD);
            if (head == null) {
                throw new Malformed(codec.label + " data is corrupt");
            }
            RandomAccessSource start = RandomAccessSource.of(head);
            if (Sniffer.detect(start).isEmpty() && !Sniffer.mayBePickle(start)) {
                return null;
            }
        }
        RandomAccessSource expanded = Expander.expand(ctx, file, local.dataOffset(), entry.compressedSize(), codec);
        if (expanded.size() != entry.size()) {
            ctx.format(where, Rating.SUSPICIOUS, "zip: entry expands to " + expanded.size() + " bytes, the central directory says "
                    + entry.size());
        }
        return expanded;
    }

    private static void compare(ScanContext ctx, ZipArchive zip, ZipArchive.Entry entry, ZipArchive.LocalHeader local, String where)
            throws IOException {
        List<String> differ = new ArrayList<>();
        if (!java.util.Arrays.equals(entry.rawName(), local.rawName())) {
            differ.add("name (" + Sniffer.ascii(local.rawName()) + ")");
        }
        if (entry.method() != local.method()) {
            differ.add("compression method");
        }
        if (entry.flags() != local.flags()) {
            differ.add("flags");
        }
        if ((local.flags() & 0x08) == 0) {
            if (local.crc() != entry.crc()) {
                differ.add("CRC");
            }
            if (local.compressedSize() != entry.compressedSize() || local.size() != entry.size()) {
                differ.add("sizes");
            }
        } else {
            long dataEnd = local.dataOffset() + entry.compressedSize();
            if (dataEnd <= zip.source().size() && !zip.descriptor(entry, dataEnd).matches()) {
                differ.add("data descriptor");
            }
        }
        if (!differ.isEmpty()) {
            ctx.format(where, Rating.SUSPICIOUS, "zip local header disagrees with the central directory for " + entry.name()
                    + ": " + String.join(", ", differ));
        }
    }

    private static void checkCrc(ScanContext ctx, ZipArchive.Entry entry, RandomAccessSource data, String where) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[65536];
        for (long p = 0; p < data.size(); ) {
            int n = data.read(p, buffer, 0, (int) Math.min(buffer.length, data.size() - p));
            if (n < 0) {
                break;
            }
            crc.update(buffer, 0, n);
            p += n;
        }
        if (crc.getValue() != entry.crc()) {
            ctx.format(where, Rating.SUSPICIOUS, "zip: CRC of " + entry.name() + " does not match: Python's zipfile notices only"
                    + " after the pickle has run, torch does not check");
        }
    }
}
