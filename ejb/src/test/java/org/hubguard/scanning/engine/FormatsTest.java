package org.hubguard.scanning.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;

/** Format details the corpora do not reach: zip64, overlapping zip entries, safetensors edge cases. */
class FormatsTest {

    static ScanReport scan(String name, byte[] bytes) {
        return new ModelScanner().scan(bytes, name);
    }

    @Test
    void zip64ArchivesAreRead() throws Exception {
        byte[] pickle = PickleWalkerTest.hex(PickleWalkerTest.OS_SYSTEM_P4);
        byte[] zip = zip64("archive/data.pkl", pickle);
        ZipArchive archive = ZipArchive.read(RandomAccessSource.of(zip), 10);
        assertEquals(1, archive.entries.size());
        assertEquals(pickle.length, archive.entries.get(0).size());
        ScanReport report = scan("m.pt", zip);
        assertEquals(Verdict.UNSAFE, report.verdict(), report.serialize());
    }

    /** One stored entry with zip64 extra fields in both headers, then zip64 end records (what torch writes past 4 GiB). */
    static byte[] zip64(String name, byte[] data) {
        byte[] raw = name.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(data);
        ByteBuffer b = ByteBuffer.allocate(512 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x04034b50).putShort((short) 45).putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0x21)
                .putInt((int) crc.getValue()).putInt(-1).putInt(-1).putShort((short) raw.length).putShort((short) 20).put(raw)
                .putShort((short) 1).putShort((short) 16).putLong(data.length).putLong(data.length).put(data);
        int cd = b.position();
        b.putInt(0x02014b50).putShort((short) 45).putShort((short) 45).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                .putShort((short) 0x21).putInt((int) crc.getValue()).putInt(-1).putInt(-1).putShort((short) raw.length).putShort((short) 28)
                .putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt(-1).put(raw)
                .putShort((short) 1).putShort((short) 24).putLong(data.length).putLong(data.length).putLong(0);
        int cdSize = b.position() - cd;
        int end64 = b.position();
        b.putInt(0x06064b50).putLong(44).putShort((short) 45).putShort((short) 45).putInt(0).putInt(0).putLong(1).putLong(1)
                .putLong(cdSize).putLong(cd);
        b.putInt(0x07064b50).putInt(0).putLong(end64).putInt(1);
        b.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) -1).putShort((short) -1).putInt(-1).putInt(-1)
                .putShort((short) 0);
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    @Test
    void entriesSharingTheirDataCannotMultiplyTheWork() throws Exception {
        // one local entry, 50,000 central records pointing at it: judging each would cost 50,000 times the data
        byte[] pickle = PickleWalkerTest.hex(PickleWalkerTest.ORDERED_DICT_P2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer local = ByteBuffer.allocate(30 + 5).order(ByteOrder.LITTLE_ENDIAN);
        CRC32 crc = new CRC32();
        crc.update(pickle);
        local.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) 0).putInt(0).putInt((int) crc.getValue())
                .putInt(pickle.length).putInt(pickle.length).putShort((short) 5).putShort((short) 0).put("a.pkl".getBytes(StandardCharsets.US_ASCII));
        out.write(local.array());
        out.write(pickle);
        int cd = out.size();
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            ByteBuffer c = ByteBuffer.allocate(46 + 5).order(ByteOrder.LITTLE_ENDIAN);
            c.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0).putShort((short) 0).putInt(0)
                    .putInt((int) crc.getValue()).putInt(pickle.length).putInt(pickle.length).putShort((short) 5).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt(0).put("a.pkl".getBytes(StandardCharsets.US_ASCII));
            out.write(c.array());
        }
        int cdSize = out.size() - cd;
        ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) n).putShort((short) n).putInt(cdSize).putInt(cd).putShort((short) 0);
        out.write(end.array());
        long start = System.nanoTime();
        ScanReport report = scan("x.zip", out.toByteArray());
        assertEquals(Verdict.SUSPICIOUS, report.verdict(), report.summary());
        assertTrue(report.serialize().contains("same local entry"), report.serialize());
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "judged once, not 50,000 times");
    }

    @Test
    void entriesWhoseDataOverlapsAreNotJudgedOverAndOver() throws Exception {
        // entries starting one byte apart, each claiming the rest of the file: a quadratic amount of data
        byte[] body = new byte[200_000];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(body);
        int cd = out.size();
        int n = 1000;
        for (int i = 0; i < n; i++) {
            ByteBuffer c = ByteBuffer.allocate(46 + 1).order(ByteOrder.LITTLE_ENDIAN);
            c.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0).putShort((short) 0).putInt(0).putInt(0)
                    .putInt(body.length - i).putInt(body.length - i).putShort((short) 1).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putInt(0).putInt(i).put((byte) 'x');
            out.write(c.array());
        }
        ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) n).putShort((short) n)
                .putInt(out.size() - cd).putInt(cd).putShort((short) 0);
        out.write(end.array());
        ScanReport report = scan("x.zip", out.toByteArray());
        assertEquals(Verdict.ERROR, report.verdict(), report.summary());
        assertTrue(report.summary().contains("overlapping"), report.summary());
    }

    @Test
    void safetensorsHeadersAreValidatedAsTheLibraryDoes() {
        assertEquals(Verdict.SAFE, scan("m.safetensors", safetensors("{\"a\":{\"dtype\":\"F4\",\"shape\":[2],\"data_offsets\":[0,1]}}   ", 1)).verdict(),
                "4-bit types pack two per byte; the header may be padded with spaces");
        assertEquals(Verdict.ERROR, scan("m.safetensors", safetensors("{\"a\":{\"dtype\":\"F4\",\"shape\":[3],\"data_offsets\":[0,2]}}", 2)).verdict(),
                "3 four-bit values do not fill whole bytes");
        assertEquals(Verdict.ERROR, scan("m.safetensors", safetensors("{\"__metadata__\":{\"a\":1}}", 0)).verdict(),
                "metadata values are strings");
        assertEquals(Verdict.ERROR, scan("m.safetensors", safetensors("{\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]}}", 2)).verdict(),
                "bytes after the last tensor");
        assertEquals(Verdict.ERROR, scan("m.safetensors", safetensors("{\"a\":{\"dtype\":\"U8\",\"shape\":[-1],\"data_offsets\":[0,1]}}", 1)).verdict());
        assertEquals(Verdict.SAFE, scan("m.safetensors", safetensors("{}", 0)).verdict(), "no tensors at all");
    }

    static byte[] safetensors(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return b.array();
    }

    @Test
    void streamsAreSpooledToMemoryOrToATemporaryFileThatCloseDeletes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        byte[] bytes = PickleWalkerTest.hex(PickleWalkerTest.OS_SYSTEM_P4);
        try (RandomAccessSource small = RandomAccessSource.spool(new java.io.ByteArrayInputStream(bytes), bytes.length, 1024, dir)) {
            assertEquals(Verdict.UNSAFE, new ModelScanner().scan(small, "m.pkl").verdict());
            assertEquals(0, java.nio.file.Files.list(dir).count(), "small streams stay in memory");
        }
        RandomAccessSource large = RandomAccessSource.spool(new java.io.ByteArrayInputStream(bytes), -1, 10, dir);
        assertEquals(1, java.nio.file.Files.list(dir).count());
        assertEquals(Verdict.UNSAFE, new ModelScanner().scan(large, "m.pkl").verdict());
        large.close();
        assertEquals(0, java.nio.file.Files.list(dir).count(), "closing deletes the temporary file");
    }

    @Test
    void nothingIsDecompressedPastTheBudget() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 80; i++) {
                out.write(zeros);
            }
        }
        ScanReport report = scan("x.gz", gz.toByteArray());
        assertEquals(Verdict.ERROR, report.verdict());
        assertTrue(report.summary().contains("bomb"), report.summary());
    }
}
