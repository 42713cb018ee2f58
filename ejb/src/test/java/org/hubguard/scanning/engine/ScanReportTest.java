package org.hubguard.scanning.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The stored form: compact JSON, printable ASCII only (bytes from files are escaped), read back as written. */
class ScanReportTest {

    @Test
    void readsBackWhatItWrites() {
        ScanReport report = new ScanReport(Verdict.UNSAFE, "pytorch-zip", List.of(
                new Finding(Finding.Kind.IMPORT, "archive/data.pkl", "os", "system", Rating.DANGEROUS, "runs shell commands"),
                new Finding(Finding.Kind.FORMAT, "", null, null, Rating.SUSPICIOUS, "zip: hidden bytes"),
                new Finding(Finding.Kind.ERROR, "x", null, null, Rating.SUSPICIOUS, "truncated")), 2);
        assertEquals(report, ScanReport.parse(report.serialize()));
    }

    @Test
    void controlCharactersAndNonAsciiFromTheFileAreEscaped() {
        String nasty = "os\u0000\n\r\t\"\\\u00e9\ud800\u2026\u001b[31m";
        ScanReport report = new ScanReport(Verdict.SUSPICIOUS, "pickle",
                List.of(new Finding(Finding.Kind.IMPORT, nasty, nasty, nasty, Rating.SUSPICIOUS, nasty)), 0);
        String stored = report.serialize();
        assertTrue(stored.chars().allMatch(c -> c >= 0x20 && c < 0x7f), stored);
        assertEquals(report, ScanReport.parse(stored));
    }

    @Test
    void aBoundedFormKeepsTheVerdictAndCountsWhatItLeftOut() {
        List<Finding> findings = new ArrayList<>();
        findings.add(new Finding(Finding.Kind.IMPORT, "", "os", "system", Rating.DANGEROUS, "runs shell commands"));
        for (int i = 0; i < 100; i++) {
            findings.add(new Finding(Finding.Kind.IMPORT, "", "pkg" + i, "Cls", Rating.SUSPICIOUS, PicklePolicy.NOT_ALLOWED));
        }
        ScanReport report = new ScanReport(Verdict.UNSAFE, "pickle", findings, 0);
        String stored = report.serialize(2000);
        assertTrue(stored.length() <= 2000);
        ScanReport back = ScanReport.parse(stored);
        assertEquals(Verdict.UNSAFE, back.verdict());
        assertEquals("os", back.findings().get(0).module(), "the most severe finding comes first and stays");
        assertEquals(101, back.findings().size() + back.omitted());
    }

    @Test
    void textThatIsNotAReportIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ScanReport.parse("posix.system:dangerous"));
        assertThrows(IllegalArgumentException.class, () -> ScanReport.parse("{\"v\":1}"));
    }

    @Test
    void theSummaryNamesTheWorstFinding() {
        ScanReport report = new ModelScanner().scan(PickleWalkerTest.hex(PickleWalkerTest.OS_SYSTEM_P4), "m.pkl");
        assertTrue(report.summary().startsWith("posix.system: "), report.summary());
        assertEquals(Rating.DANGEROUS, report.highestImportRating());
    }
}
