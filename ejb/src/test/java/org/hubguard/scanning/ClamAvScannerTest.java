package org.hubguard.scanning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

/** Against the real clamd that ./hubguard test starts on 127.0.0.1:3310 with the project's signatures. */
class ClamAvScannerTest {

    /** The EICAR test file, assembled here so that no source file of the project is itself "infected". */
    static final byte[] EICAR = ("X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-" + "TEST-FILE!$H+H*").getBytes(StandardCharsets.US_ASCII);

    private final ClamAvScanner scanner = new ClamAvScanner("127.0.0.1", Integer.parseInt(org.hubguard.config.Settings.get("hubguard.clamd.port", "3310")), 30_000);

    private AvResult scan(byte[] bytes) {
        return scanner.scan(new ByteArrayInputStream(bytes));
    }

    @Test
    void cleanFilesAreClean() throws Exception {
        assertEquals(AvResult.Verdict.CLEAN, scan("{\"hidden_size\": 64}\n".getBytes(StandardCharsets.UTF_8)).verdict());
        assertTrue(scanner.version().startsWith("ClamAV "), scanner.version());
    }

    @Test
    void eicarIsFoundAloneAndInsideAZip() throws Exception {
        AvResult plain = scan(EICAR);
        assertEquals(AvResult.Verdict.INFECTED, plain.verdict());
        assertTrue(plain.virusNames().get(0).startsWith("Hubguard.Eicar"), plain.virusNames().toString());

        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("docs/readme.txt"));
            out.write("hello".getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("payload/eicar.com"));
            out.write(EICAR);
        }
        assertEquals(AvResult.Verdict.INFECTED, scan(zip.toByteArray()).verdict());

        AvResult marker = scan(("weights...HUBGUARD-TEST-MALWARE-SIGNATURE-7f3a...").getBytes(StandardCharsets.US_ASCII));
        assertTrue(marker.virusNames().get(0).startsWith("Hubguard.Test-Malware"), marker.virusNames().toString());
    }

    @Test
    void anUnreachableOrSilentClamdIsAnErrorNeverClean() throws Exception {
        int freePort;
        try (ServerSocket probe = new ServerSocket(0)) {
            freePort = probe.getLocalPort();
        }
        AvResult unreachable = new ClamAvScanner("127.0.0.1", freePort, 5_000).scan(new ByteArrayInputStream(EICAR));
        assertEquals(AvResult.Verdict.ERROR, unreachable.verdict());
        assertTrue(unreachable.error().startsWith("scanner unavailable"), unreachable.error());

        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                try (Socket ignored = silent.accept()) {
                    Thread.sleep(10_000); // accepts, never answers
                } catch (Exception e) {
                    // closed by the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long start = System.nanoTime();
            AvResult hung = new ClamAvScanner("127.0.0.1", silent.getLocalPort(), 1_000).scan(new ByteArrayInputStream(EICAR));
            assertEquals(AvResult.Verdict.ERROR, hung.verdict());
            assertTrue(hung.error().contains("did not answer within 1.0 s"), hung.error());
            assertTrue(System.nanoTime() - start < 5_000_000_000L, "the deadline holds");
        }
    }
}
