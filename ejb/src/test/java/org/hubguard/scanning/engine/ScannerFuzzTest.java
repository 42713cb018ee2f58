package org.hubguard.scanning.engine;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The fuzzing of every test run: Jazzer fuzzes one @FuzzTest per JVM (libFuzzer keeps global state) and each JVM
 * pays for its instrumentation, so one bounded session drives all three targets, the input's length choosing the
 * pickle walker, the whole scanner from the format sniffer down, or the zip reader. Seeds: both corpora and the
 * fuzz findings, copied by the build into ScannerFuzzTestInputs/ (Jazzer's seed directory convention; libFuzzer
 * reads them directly). A failing input is written to target/jazzer/: fix the bug, then add the input to
 * corpus/fuzz-findings with its expected verdict.
 */
class ScannerFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void fuzzEveryEntryPoint(byte[] data) throws Exception {
        switch (data.length % 3) {
            case 0 -> PickleWalkerFuzzTest.walk(data);
            case 1 -> FormatSnifferFuzzTest.judge(data);
            default -> ZipReaderFuzzTest.read(data);
        }
    }
}
