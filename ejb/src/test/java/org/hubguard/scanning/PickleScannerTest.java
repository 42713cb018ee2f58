package org.hubguard.scanning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.hubguard.scanning.PickleImport.Safety;
import org.junit.jupiter.api.Test;

/** Fixtures are what CPython's pickle.dumps wrote (hex below), so the walk is checked against real pickles. */
class PickleScannerTest {

    /** class E: __reduce__ = lambda self: (os.system, ('echo pwned',)); pickle.dumps(E(), protocol=4) */
    static final String OS_SYSTEM_P4 = "80049525000000000000008c05706f736978948c0673797374656d9493948c0a6563686f2070776e656494859452942e";
    /** the same at protocol 0 (GLOBAL with text lines) */
    static final String OS_SYSTEM_P0 = "63706f7369780a73797374656d0a70300a28566563686f2070776e65640a70310a7470320a5270330a2e";
    /** pickle.dumps(collections.OrderedDict(a=1), protocol=2) */
    static final String ORDERED_DICT_P2 = "800263636f6c6c656374696f6e730a4f726465726564446963740a71002952710158010000006171024b01732e";
    /** a list of two objects reducing to builtins.eval, protocol 5: the second reuses the global from the memo */
    static final String EVAL_TWICE_P5 = "80059529000000000000005d94288c086275696c74696e73948c046576616c9493948c03312b319485945294680368055294652e";

    private static PickleScanner.Result scan(String path, byte[] bytes) throws Exception {
        return PickleScanner.scan(path, new ByteArrayInputStream(bytes));
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    @Test
    void findsOsSystemThroughStackGlobalAndThroughGlobal() throws Exception {
        for (String fixture : List.of(OS_SYSTEM_P4, OS_SYSTEM_P0)) {
            PickleScanner.Result result = scan("model.pkl", hex(fixture));
            assertNull(result.problem());
            assertEquals(List.of(new PickleImport("posix", "system", Safety.DANGEROUS)), result.imports());
            assertEquals(Safety.DANGEROUS, result.highestSafety());
        }
    }

    @Test
    void knownCheckpointCallablesAreInnocuous() throws Exception {
        PickleScanner.Result result = scan("state.bin", hex(ORDERED_DICT_P2));
        assertEquals(List.of(new PickleImport("collections", "OrderedDict", Safety.INNOCUOUS)), result.imports());
        assertEquals(Safety.INNOCUOUS, result.highestSafety());
        assertEquals(Safety.INNOCUOUS, PickleSafety.of("torch._utils", "_rebuild_tensor_v2"));
        assertEquals(Safety.DANGEROUS, PickleSafety.of("subprocess", "Popen"));
        assertEquals(Safety.DANGEROUS, PickleSafety.of("builtins", "exec"));
        assertEquals(Safety.SUSPICIOUS, PickleSafety.of("my_package.layers", "CustomLayer"));
    }

    @Test
    void memoizedGlobalsAreFoundOnce() throws Exception {
        PickleScanner.Result result = scan("x.pickle", hex(EVAL_TWICE_P5));
        assertNull(result.problem());
        assertEquals(List.of(new PickleImport("builtins", "eval", Safety.DANGEROUS)), result.imports());
    }

    @Test
    void stackGlobalArgumentsFetchedFromTheMemoAreResolved() throws Exception {
        // PROTO 4; "os" MEMOIZE(0); "system" MEMOIZE(1); POP POP; BINGET 0; BINGET 1; STACK_GLOBAL; STOP
        byte[] pickle = hex("8004" + "8c026f73" + "94" + "8c0673797374656d" + "94" + "30" + "30" + "6800" + "6801" + "93" + "2e");
        assertEquals(List.of(new PickleImport("os", "system", Safety.DANGEROUS)), scan("a.pkl", pickle).imports());
    }

    @Test
    void zippedPytorchCheckpointsAreOpened() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("archive/version"));
            zip.write("3\n".getBytes());
            zip.putNextEntry(new ZipEntry("archive/data.pkl"));
            zip.write(hex(OS_SYSTEM_P4));
            zip.putNextEntry(new ZipEntry("archive/data/0"));
            zip.write(new byte[1000]);
        }
        PickleScanner.Result result = scan("pytorch_model.pt", bytes.toByteArray());
        assertTrue(result.isPickle());
        assertEquals(Safety.DANGEROUS, result.highestSafety());
    }

    @Test
    void malformedTruncatedEmptyAndNonPickleFilesAreReportedNotCrashedOn() throws Exception {
        byte[] whole = hex(OS_SYSTEM_P4);
        PickleScanner.Result truncated = scan("t.pkl", java.util.Arrays.copyOf(whole, 20));
        assertTrue(truncated.problem().startsWith("truncated"), truncated.problem());

        PickleScanner.Result unknownOpcode = scan("m.pkl", hex("8004" + "ff" + "2e"));
        assertEquals("unknown opcode 0xff at byte 2", unknownOpcode.problem());

        PickleScanner.Result empty = scan("e.pkl", new byte[0]);
        assertEquals("not a pickle: the file is empty", empty.problem());

        byte[] weights = new byte[4096];
        new Random(1).nextBytes(weights);
        weights[0] = (byte) 0xfe;
        PickleScanner.Result raw = scan("weights.bin", weights);
        assertFalse(raw.isPickle(), "raw tensor data in a .bin is not judged as a pickle");
        assertTrue(raw.imports().isEmpty());

        assertTrue(scan("d.pt", hex("504b0304" + "00")).problem().contains("zip"));
        assertTrue(PickleScanner.handles("model.CKPT") && PickleScanner.handles("x.joblib") && !PickleScanner.handles("model.safetensors"));
    }
}
