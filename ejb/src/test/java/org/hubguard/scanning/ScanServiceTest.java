package org.hubguard.scanning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;

import org.hubguard.scanning.engine.ModelScanner;
import org.hubguard.scanning.engine.ScanReport;
import org.junit.jupiter.api.Test;

/** How stored results of clamd and the model scanner combine into what the API and pages show. */
class ScanServiceTest {

    private static final List<String> BOTH = List.of(ScanService.CLAMAV, ScanService.PICKLE);

    private static FileScan scan(String scanner, FileScan.Status status, String details) {
        FileScan scan = new FileScan("b", scanner);
        scan.finished("v", status, details, false);
        return scan;
    }

    private static String report(String hex, String name) {
        return new ModelScanner().scan(HexFormat.of().parseHex(hex), name).serialize(FileScan.DETAILS_LENGTH);
    }

    @Test
    void everyFileGetsBothScanners() {
        assertEquals(BOTH, ScanService.scannersFor("README.md"), "formats are recognized by content, not by name");
    }

    @Test
    void aDangerousImportIsInfectedWithItsImports() {
        String details = report("80049525000000000000008c05706f736978948c0673797374656d9493948c0a6563686f2070776e656494859452942e", "m.pkl");
        FileSecurity security = ScanService.combine(BOTH, List.of(scan("clamav", FileScan.Status.OK, null),
                scan("pickle", FileScan.Status.INFECTED, details)));
        assertEquals("infected", security.status());
        assertEquals("dangerous", security.pickleHighest());
        assertEquals(1, security.pickleImports().size());
        PickleImport posixSystem = security.pickleImports().get(0);
        assertEquals(List.of("posix", "system", PickleImport.Safety.DANGEROUS), List.of(posixSystem.module(), posixSystem.name(), posixSystem.safety()));
        assertTrue(posixSystem.why() != null && !posixSystem.why().isBlank(), "each import says why it is rated so");
        assertTrue(security.findings().contains("imports posix.system ("), security.findings());
    }

    @Test
    void suspiciousIsShownAsSuch() {
        String details = new ModelScanner().scan("cbuiltins\nprint\n(S'x'\ntR.".getBytes(java.nio.charset.StandardCharsets.US_ASCII), "m.pkl")
                .serialize(FileScan.DETAILS_LENGTH);
        FileSecurity security = ScanService.combine(BOTH, List.of(scan("clamav", FileScan.Status.OK, null),
                scan("pickle", FileScan.Status.SUSPICIOUS, details)));
        assertEquals("suspicious", security.status());
        assertEquals("suspicious", security.pickleHighest());
        assertTrue(!security.isUnsafe());
    }

    @Test
    void anUnjudgeableFileIsAnErrorWithTheReason() {
        String details = report("8004ff2e", "m.pkl");
        FileSecurity security = ScanService.combine(BOTH, List.of(scan("clamav", FileScan.Status.OK, null),
                scan("pickle", FileScan.Status.ERROR, details)));
        assertEquals("error", security.status());
        assertTrue(security.error().contains("unknown opcode 0xff"), security.error());
        assertEquals(ScanReport.parse(details).verdict().wireName(), "error");
    }

    @Test
    void filesThatImportNothingCarryNoPickleScan() {
        String details = new ModelScanner().scan("just text\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), "a.txt")
                .serialize(FileScan.DETAILS_LENGTH);
        FileSecurity security = ScanService.combine(BOTH, List.of(scan("clamav", FileScan.Status.OK, null),
                scan("pickle", FileScan.Status.OK, details)));
        assertEquals("ok", security.status());
        assertNull(security.pickleHighest());
    }

    @Test
    void pendingUntilBothAnsweredAndOldResultsCarryNoImports() {
        assertEquals("pending", ScanService.combine(BOTH, List.of(scan("clamav", FileScan.Status.OK, null))).status());
        FileSecurity old = ScanService.combine(BOTH, List.of(scan("clamav", FileScan.Status.OK, null),
                scan("pickle", FileScan.Status.OK, "collections.OrderedDict:innocuous")));
        assertEquals("ok", old.status());
        assertNull(old.pickleHighest(), "results of the old walker are rescanned (the scanner version changed)");
    }
}
