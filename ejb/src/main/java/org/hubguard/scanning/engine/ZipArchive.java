package org.hubguard.scanning.engine;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A zip file read the way Python's zipfile and torch (miniz) read it: from the end-of-central-directory record and
 * the central directory, with random access, never by walking local headers from the start. Zip64 is supported
 * (checkpoints over 4 GiB). Like Python, data in front of the archive shifts every offset ("concat").
 */
final class ZipArchive {

    static final int LOCAL_SIG = 0x04034b50;
    static final int CENTRAL_SIG = 0x02014b50;
    static final int END_SIG = 0x06054b50;
    static final int END64_SIG = 0x06064b50;
    static final int END64_LOCATOR_SIG = 0x07064b50;
    static final int DESCRIPTOR_SIG = 0x08074b50;
    private static final long MAX_COMMENT = 65535;
    private static final Charset CP437 = Charset.forName("IBM437");

    /** One central-directory record; offsets already include {@link #concat}. */
    record Entry(String name, byte[] rawName, int flags, int method, long crc, long compressedSize, long size,
                 long headerOffset, boolean zip64) {

        boolean isDirectory() {
            return name.endsWith("/");
        }
    }

    /** A local file header as found at an entry's offset. */
    record LocalHeader(byte[] rawName, int flags, int method, long crc, long compressedSize, long size, long dataOffset) {
    }

    final List<Entry> entries = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
    final long concat;
    final long centralStart;
    final long centralEnd;
    private final RandomAccessSource source;

    private ZipArchive(RandomAccessSource source, long concat, long centralStart, long centralEnd) {
        this.source = source;
        this.concat = concat;
        this.centralStart = centralStart;
        this.centralEnd = centralEnd;
    }

    /** Where the end-of-central-directory record is (Python's search: the last one in the final 64 KiB), or -1. */
    static long findEnd(RandomAccessSource source) throws IOException {
        long size = source.size();
        if (size < 22) {
            return -1;
        }
        int tail = (int) Math.min(size, MAX_COMMENT + 22);
        byte[] bytes = read(source, size - tail, tail);
        for (int i = tail - 22; i >= 0; i--) {
            if (bytes[i] == 'P' && le32(bytes, i) == END_SIG) { // most files are not zips: one compare per byte
                return size - tail + i;
            }
        }
        return -1;
    }

    static ZipArchive read(RandomAccessSource source, int maxEntries) throws IOException, Malformed, LimitExceeded {
        long end = findEnd(source);
        if (end < 0) {
            throw new Malformed("no end of central directory record");
        }
        byte[] eocd = read(source, end, 22);
        long entryCount = le16(eocd, 10);
        long cdSize = le32u(eocd, 12);
        long cdOffset = le32u(eocd, 16);
        long recordsStart = end;
        boolean zip64 = false;
        List<String> problems = new ArrayList<>();
        if (end >= 20 && le32(read(source, end - 20, 4), 0) == END64_LOCATOR_SIG) {
            byte[] locator = read(source, end - 20, 20);
            long pointed = le64(locator, 8);
            long expected = end - 20 - 56; // Python reads the zip64 record right before the locator
            if (expected < 0 || le32(read(source, expected, 4), 0) != END64_SIG) {
                throw new Malformed("zip64 end record missing before its locator");
            }
            if (pointed != expected) {
                problems.add("zip64 locator points to byte " + pointed + " but the zip64 record is at " + expected
                        + " (Python and torch read different records)");
            }
            byte[] e64 = read(source, expected, 56);
            entryCount = le64(e64, 32);
            cdSize = le64(e64, 40);
            cdOffset = le64(e64, 48);
            recordsStart = expected;
            zip64 = true;
        }
        if (cdSize < 0 || cdOffset < 0 || entryCount < 0) {
            throw new Malformed("central directory size or offset out of range");
        }
        long concat = recordsStart - cdSize - cdOffset;
        long start = cdOffset + concat;
        if (start < 0 || concat < 0 && -concat > cdOffset) {
            throw new Malformed("bad offset for the central directory");
        }
        if (concat != 0) {
            problems.add(concat + " bytes in front of the zip data: Python's zipfile shifts every offset and reads it,"
                    + " torch does not");
        }
        if (entryCount > maxEntries) {
            throw new LimitExceeded("more than " + maxEntries + " zip entries");
        }
        ZipArchive zip = new ZipArchive(source, concat, start, start + cdSize);
        zip.problems.addAll(problems);
        zip.readCentral(start, cdSize, maxEntries);
        if (zip.entries.size() != entryCount && !zip64) {
            zip.problems.add("the end record counts " + entryCount + " entries, the central directory holds " + zip.entries.size());
        }
        return zip;
    }

    private void readCentral(long start, long size, int maxEntries) throws IOException, Malformed, LimitExceeded {
        if (start + size > source.size()) {
            throw new Malformed("central directory runs past the end of the file");
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new LimitExceeded("central directory of " + size + " bytes");
        }
        byte[] cd = read(source, start, (int) size);
        int p = 0;
        while (p < cd.length) {
            if (p + 46 > cd.length || le32(cd, p) != CENTRAL_SIG) {
                throw new Malformed("bad central directory record at byte " + (start + p));
            }
            int flags = le16(cd, p + 8);
            int method = le16(cd, p + 10);
            long crc = le32u(cd, p + 16);
            long csize = le32u(cd, p + 20);
            long usize = le32u(cd, p + 24);
            int nameLen = le16(cd, p + 28);
            int extraLen = le16(cd, p + 30);
            int commentLen = le16(cd, p + 32);
            long offset = le32u(cd, p + 42);
            int next = p + 46 + nameLen + extraLen + commentLen;
            if (next > cd.length) {
                throw new Malformed("truncated central directory record at byte " + (start + p));
            }
            byte[] rawName = java.util.Arrays.copyOfRange(cd, p + 46, p + 46 + nameLen);
            boolean zip64 = false;
            int e = p + 46 + nameLen;
            int extraEnd = e + extraLen;
            while (e + 4 <= extraEnd) {
                int id = le16(cd, e);
                int len = le16(cd, e + 2);
                int q = e + 4;
                if (q + len > extraEnd) {
                    throw new Malformed("corrupt extra field in central directory record at byte " + (start + p));
                }
                if (id == 0x0001) {
                    zip64 = true;
                    int r = q;
                    if (usize == 0xffffffffL) {
                        usize = need64(cd, r, q + len);
                        r += 8;
                    }
                    if (csize == 0xffffffffL) {
                        csize = need64(cd, r, q + len);
                        r += 8;
                    }
                    if (offset == 0xffffffffL) {
                        offset = need64(cd, r, q + len);
                    }
                }
                e = q + len;
            }
            if (csize < 0 || usize < 0 || offset < 0) {
                throw new Malformed("zip64 size or offset out of range at byte " + (start + p));
            }
            String name = (flags & 0x800) != 0 ? new String(rawName, StandardCharsets.UTF_8) : new String(rawName, CP437);
            entries.add(new Entry(name, rawName, flags, method, crc, csize, usize, offset + concat, zip64));
            if (entries.size() > maxEntries) {
                throw new LimitExceeded("more than " + maxEntries + " zip entries");
            }
            p = next;
        }
    }

    private static long need64(byte[] b, int at, int end) throws Malformed {
        if (at + 8 > end) {
            throw new Malformed("zip64 extra field too short");
        }
        return le64(b, at);
    }

    LocalHeader local(Entry entry) throws IOException, Malformed {
        long at = entry.headerOffset();
        if (at < 0 || at + 30 > source.size()) {
            throw new Malformed("local header of " + entry.name() + " is outside the file");
        }
        byte[] h = read(source, at, 30);
        if (le32(h, 0) != LOCAL_SIG) {
            throw new Malformed("no local header where the central directory puts " + entry.name());
        }
        int nameLen = le16(h, 26);
        int extraLen = le16(h, 28);
        if (at + 30 + nameLen + extraLen > source.size()) {
            throw new Malformed("local header of " + entry.name() + " runs past the end of the file");
        }
        byte[] name = read(source, at + 30, nameLen);
        long csize = le32u(h, 18);
        long usize = le32u(h, 22);
        if (csize == 0xffffffffL || usize == 0xffffffffL) {
            byte[] extra = read(source, at + 30 + nameLen, extraLen);
            for (int e = 0; e + 4 <= extra.length; ) {
                int id = le16(extra, e);
                int len = le16(extra, e + 2);
                if (id == 0x0001 && len >= 16 && e + 4 + 16 <= extra.length) {
                    usize = le64(extra, e + 4);
                    csize = le64(extra, e + 12);
                }
                e += 4 + len;
            }
        }
        return new LocalHeader(name, le16(h, 6), le16(h, 8), le32u(h, 14), csize, usize, at + 30 + nameLen + extraLen);
    }

    /** The data descriptor after an entry's data: its length, and whether it matches the central directory. */
    record Descriptor(int length, boolean matches) {
    }

    Descriptor descriptor(Entry entry, long dataEnd) throws IOException {
        int sizeBytes = entry.zip64() ? 8 : 4;
        long available = source.size() - dataEnd;
        byte[] d = read(source, dataEnd, (int) Math.min(available, 4 + 4 + 2L * sizeBytes));
        int p = d.length >= 4 && le32(d, 0) == DESCRIPTOR_SIG ? 4 : 0;
        int length = p + 4 + 2 * sizeBytes;
        if (d.length < length) {
            return new Descriptor(d.length, false);
        }
        long crc = le32u(d, p);
        long csize = sizeBytes == 8 ? le64(d, p + 4) : le32u(d, p + 4);
        long usize = sizeBytes == 8 ? le64(d, p + 12) : le32u(d, p + 8);
        return new Descriptor(length, crc == entry.crc() && csize == entry.compressedSize() && usize == entry.size());
    }

    RandomAccessSource source() {
        return source;
    }

    static byte[] read(RandomAccessSource source, long at, int n) throws IOException {
        byte[] bytes = new byte[n];
        int done = 0;
        while (done < n) {
            int r = source.read(at + done, bytes, done, n - done);
            if (r < 0) {
                throw new IOException("unexpected end of data at byte " + (at + done));
            }
            done += r;
        }
        return bytes;
    }

    static int le16(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
    }

    static int le32(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
    }

    static long le32u(byte[] b, int i) {
        return le32(b, i) & 0xffffffffL;
    }

    static long le64(byte[] b, int i) {
        return le32u(b, i) | le32u(b, i + 4) << 32;
    }
}
