package org.hubguard.scanning.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The walk against pickles CPython wrote (hex) and hand-written opcode sequences. */
class PickleWalkerTest {

    /** class E: __reduce__ = lambda self: (os.system, ('echo pwned',)); pickle.dumps(E(), protocol=4) */
    static final String OS_SYSTEM_P4 = "80049525000000000000008c05706f736978948c0673797374656d9493948c0a6563686f2070776e656494859452942e";
    /** the same at protocol 0 (GLOBAL with text lines) */
    static final String OS_SYSTEM_P0 = "63706f7369780a73797374656d0a70300a28566563686f2070776e65640a70310a7470320a5270330a2e";
    /** pickle.dumps(collections.OrderedDict(a=1), protocol=2) */
    static final String ORDERED_DICT_P2 = "800263636f6c6c656374696f6e730a4f726465726564446963740a71002952710158010000006171024b01732e";

    static ScanReport scan(String name, byte[] bytes) {
        return new ModelScanner().scan(bytes, name);
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static List<String> imports(ScanReport report) {
        return report.imports().stream().map(f -> f.qualifiedName() + ":" + f.rating().wireName()).toList();
    }

    @Test
    void findsOsSystemThroughStackGlobalAndThroughGlobal() {
        for (String fixture : List.of(OS_SYSTEM_P4, OS_SYSTEM_P0)) {
            ScanReport report = scan("model.pkl", hex(fixture));
            assertEquals(Verdict.UNSAFE, report.verdict(), report.serialize());
            assertEquals(List.of("posix.system:dangerous"), imports(report));
        }
    }

    @Test
    void anAllowListedImportIsSafe() {
        ScanReport report = scan("state.bin", hex(ORDERED_DICT_P2));
        assertEquals(Verdict.SAFE, report.verdict(), report.serialize());
        assertEquals(List.of("collections.OrderedDict:innocuous"), imports(report));
    }

    @Test
    void stringEscapesAreDecodedAsPythonDoes() {
        // S'o\x73' S'system' STACK_GLOBAL, and V\u006fs: both are os.system to Python
        byte[] s = "S'o\\x73'\nS'system'\n\u0093S'x'\n\u0085R.".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals(List.of("os.system:dangerous"), imports(scan("a", s)));
        byte[] v = "V\\u006fs\nVsystem\n\u0093S'x'\n\u0085R.".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals(List.of("os.system:dangerous"), imports(scan("a", v)));
    }

    @Test
    void dottedNamesAtProtocolFourAreWalked() {
        // PROTO 4, "posixpath", "os.system", STACK_GLOBAL: Python resolves os.system
        byte[] p = hex("8004" + "8c09" + text("posixpath") + "8c09" + text("os.system") + "93" + "2e");
        ScanReport report = scan("x.pkl", p);
        assertEquals(Verdict.UNSAFE, report.verdict(), report.serialize());
    }

    @Test
    void pythonTwoNamesAreMappedForOldProtocols() {
        byte[] p = "c__builtin__\neval\n(S'1'\ntR.".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        ScanReport report = scan("x.pkl", p);
        assertEquals(List.of("builtins.eval:dangerous"), imports(report));
    }

    @Test
    void memoizeUsesTheMemoSizeAsPythonDoes() {
        // PUT 7 "decoy"; "os" MEMOIZE -> slot 1 (not 0); "system" MEMOIZE -> 2; GET 1, GET 2, STACK_GLOBAL
        byte[] p = hex("8004" + "8c05" + text("decoy") + "7107" + "30" + "8c026f73" + "94" + "30" + "8c06" + text("system") + "94" + "30"
                + "6801" + "6802" + "93" + "2e");
        ScanReport report = scan("x.pkl", p);
        assertEquals(Verdict.UNSAFE, report.verdict(), report.serialize());
    }

    @Test
    void truncatedAndUnknownOpcodesAreNeverSafe() {
        byte[] whole = hex(ORDERED_DICT_P2);
        assertEquals(Verdict.ERROR, scan("t.pkl", java.util.Arrays.copyOf(whole, whole.length - 1)).verdict());
        assertEquals(Verdict.ERROR, scan("m.pkl", hex("8004" + "ff" + "2e")).verdict());
        assertEquals(Verdict.ERROR, scan("e.pkl", new byte[0]).verdict());
        ScanReport truncatedDanger = scan("t.pkl", java.util.Arrays.copyOf(hex(OS_SYSTEM_P4), 40));
        assertEquals(Verdict.UNSAFE, truncatedDanger.verdict(), "what ran before the truncation still ran");
    }

    @Test
    void textFilesAreNotPickles() {
        for (String text : List.of("import torch\nfrom x import y\n", "class A:\n    pass\n", "# README\n", "{\"a\": 1}\n")) {
            ScanReport report = scan("file.txt", text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(Verdict.SAFE, report.verdict(), text + " -> " + report.serialize());
            assertEquals("data", report.format());
        }
    }

    @Test
    void everyPickleOfAStreamIsWalked() {
        byte[] benign = hex(ORDERED_DICT_P2);
        byte[] evil = hex(OS_SYSTEM_P4);
        byte[] both = new byte[benign.length + evil.length];
        System.arraycopy(benign, 0, both, 0, benign.length);
        System.arraycopy(evil, 0, both, benign.length, evil.length);
        ScanReport report = scan("x.pt", both);
        assertEquals(Verdict.UNSAFE, report.verdict(), report.serialize());
        assertTrue(report.serialize().contains("pickle #2"));
    }

    private static String text(String ascii) {
        return HexFormat.of().formatHex(ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
