package org.hubguard.scanning.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the zip reader: the end records, zip64, the central directory, local headers and data descriptors. Any
 * input is either read or refused as malformed (or too large), never an exception. Fuzzed by {@link ScannerFuzzTest};
 * alone, longer: {@code JAZZER_FUZZ=1 mvn -pl ejb test -Dfuzz.skip=true -Dtest=ZipReaderFuzzTest}.
 */
class ZipReaderFuzzTest {

    @MethodSource("org.hubguard.scanning.engine.FuzzSeeds#corpora")
    @FuzzTest(maxDuration = "5m")
    void readsAnyZip(byte[] data) throws Exception {
        read(data);
    }

    static void read(byte[] data) throws Exception {
        long start = FuzzSeeds.cpuNanos();
        RandomAccessSource source = RandomAccessSource.of(data);
        ZipArchive zip;
        try {
            zip = ZipArchive.read(source, 10_000);
        } catch (Malformed | LimitExceeded refused) {
            FuzzSeeds.assertCheap(start);
            return;
        }
        for (ZipArchive.Entry entry : zip.entries) {
            // offsets may point before the file (data cut from the front): reading such an entry is refused below
            assertTrue(entry.compressedSize() >= 0 && entry.size() >= 0, entry.toString());
            try {
                ZipArchive.LocalHeader local = zip.local(entry);
                long end = local.dataOffset() + entry.compressedSize();
                if (end <= data.length && end >= local.dataOffset()) {
                    zip.descriptor(entry, end);
                }
            } catch (Malformed refused) {
                // a broken entry is reported, not thrown
            }
        }
        FuzzSeeds.assertCheap(start);
    }
}
