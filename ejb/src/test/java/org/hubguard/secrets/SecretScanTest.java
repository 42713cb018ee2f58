package org.hubguard.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.hubguard.tokens.TokenFormat;
import org.junit.jupiter.api.Test;

/** Nothing carries a hubguard token past the scan: not a message, a path, a binary, UTF-16, a large file or a glued token. */
class SecretScanTest {

    private static final String TOKEN = TokenFormat.generate();

    private static List<String> locations(SecretScan scan) {
        return scan.findings().stream().map(SecretFinding::location).toList();
    }

    private static SecretScan scanOf(String path, byte[] content) {
        SecretScan scan = new SecretScan();
        scan.inspect(path, content);
        return scan;
    }

    private static void assertTokenFound(SecretScan scan) {
        assertTrue(scan.findings().stream().anyMatch(f -> f.kind() == SecretKind.HUBGUARD_TOKEN && f.match().secret().equals(TOKEN)),
                locations(scan).toString());
    }

    @Test
    void aTokenGluedToALetterIsStillFound() {
        assertTokenFound(scanOf("a.json", ("{\"t\": \"line\\n" + TOKEN + "\"}").getBytes(StandardCharsets.UTF_8)));
        assertTokenFound(scanOf("a.url", ("https://x/?token%3D" + TOKEN + "&x=1").getBytes(StandardCharsets.UTF_8)));
        assertTokenFound(scanOf("a.txt", ("x" + TOKEN + "abc").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aBinaryWithNulsIsSweptForTokens() {
        byte[] binary = ("\0\0\1\2" + TOKEN + "\0\377").getBytes(StandardCharsets.ISO_8859_1);
        assertTokenFound(scanOf("model.bin", binary));
        // NULs after the first 8,000 bytes: the text rules read it, the sweep still looks at the rest
        byte[] late = ("a".repeat(9000) + "\0" + TOKEN).getBytes(StandardCharsets.ISO_8859_1);
        assertTokenFound(scanOf("late.txt", late));
    }

    @Test
    void utf16IsDecoded() {
        String text = "key = " + TOKEN + "\naws = " + SecretRulesTest.AWS_KEY + "\n";
        for (var charset : List.of(StandardCharsets.UTF_16, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            SecretScan scan = scanOf("creds.txt", text.getBytes(charset));
            assertTokenFound(scan);
            assertTrue(locations(scan).contains("creds.txt:2 (AWS access key id)"), charset + ": " + locations(scan));
        }
        // a UTF-16 string inside a binary: the NULs are left out for the sweep
        byte[] inBinary = ("\1\2\3\0" + new String(TOKEN.getBytes(StandardCharsets.UTF_16LE), StandardCharsets.ISO_8859_1))
                .getBytes(StandardCharsets.ISO_8859_1);
        assertTokenFound(scanOf("x.bin", inBinary));
    }

    @Test
    void aFileOverTheTextSizeIsStreamedThroughTheSweep() throws IOException {
        long size = TextBlobs.MAX_SIZE + 1024 * 1024;
        byte[] token = TOKEN.getBytes(StandardCharsets.US_ASCII);
        long at = TextBlobs.MAX_SIZE + 65_530; // across a read boundary
        InputStream big = new InputStream() {
            long position;

            @Override
            public int read() {
                if (position >= size) {
                    return -1;
                }
                long p = position++;
                return p >= at && p < at + token.length ? token[(int) (p - at)] : (p % 7 == 0 ? 0 : 'x');
            }
        };
        SecretScan scan = new SecretScan();
        scan.inspect("weights.safetensors", big, size);
        assertTokenFound(scan);
    }

    @Test
    void aSmallStreamIsReadByEveryRule() throws IOException {
        SecretScan scan = new SecretScan();
        scan.inspect("k.env", new ByteArrayInputStream(("A=" + SecretRulesTest.AWS_KEY).getBytes(StandardCharsets.UTF_8)), 22);
        assertEquals(List.of("k.env:1 (AWS access key id)"), locations(scan));
    }

    @Test
    void pathsAndMessagesAreScannedAndShownRedacted() {
        SecretScan scan = new SecretScan();
        scan.inspectPath("creds/" + TOKEN + ".txt");
        scan.inspectMessage("commit 1a2b3c4d", "fix\n\nuse " + SecretRulesTest.AWS_KEY + " now");
        scan.inspectMessage("tag v1", "release " + TOKEN);
        scan.inspectRefName("refs/heads/" + TOKEN);
        assertEquals(List.of("the path creds/[secret].txt (hubguard access token)",
                "the message of commit 1a2b3c4d (AWS access key id)",
                "the message of tag v1 (hubguard access token)",
                "the name refs/heads/[secret] (hubguard access token)"), locations(scan));
        assertEquals("the path creds/[secret].txt", scan.findings().get(0).where());
        for (SecretFinding finding : scan.findings()) {
            assertFalse(finding.location().contains(TOKEN) || finding.location().contains(SecretRulesTest.AWS_KEY));
        }
        // a secret in a file's path is redacted where its content's findings name it too
        SecretScan content = scanOf("creds/" + TOKEN + ".txt", ("A=" + SecretRulesTest.AWS_KEY).getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("creds/[secret].txt:1 (AWS access key id)"), locations(content));
    }

    @Test
    void aTokenIsReportedOncePerFileAndTheDistinctTokensAreCapped() {
        assertEquals(1, scanOf("t.txt", (TOKEN + "\n" + TOKEN + "\0").getBytes(StandardCharsets.ISO_8859_1)).findings().size());
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= SecretScan.MAX_TOKEN_CANDIDATES; i++) {
            many.append(TokenFormat.generate()).append('\n');
        }
        SecretScan scan = scanOf("dead.txt", many.toString().getBytes(StandardCharsets.US_ASCII));
        assertEquals(SecretScan.MAX_TOKEN_CANDIDATES, scan.findings().size());
        assertTrue(scan.tooManyTokens());
        assertFalse(scan.isEmpty());
    }

    @Test
    void theSweepKeepsPaceWithLargeFiles() throws IOException {
        byte[] chunk = new byte[1024 * 1024];
        new java.util.Random(1).nextBytes(chunk);
        long size = 200L * chunk.length;
        InputStream data = new InputStream() {
            long position;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (position >= size) {
                    return -1;
                }
                int n = (int) Math.min(length, Math.min(size - position, chunk.length - position % chunk.length));
                System.arraycopy(chunk, (int) (position % chunk.length), buffer, offset, n);
                position += n;
                return n;
            }
        };
        long start = System.nanoTime();
        new SecretScan().inspect("weights.bin", data, size);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("swept 200 MiB in " + millis + " ms");
        assertTrue(millis < 20_000, millis + " ms for 200 MiB");
    }

    @Test
    void theSweepFindsATokenSplitAcrossPiecesOfAnySizeOnItsLine() {
        byte[] text = ("a\nb\nhf_" + "x".repeat(3) + "\n\0" + "zz" + TOKEN + "Q\n" + TOKEN).getBytes(StandardCharsets.ISO_8859_1);
        for (int piece = 1; piece <= text.length; piece++) {
            List<SecretMatch> found = new java.util.ArrayList<>();
            TokenSweep sweep = new TokenSweep(false, found::add);
            for (int at = 0; at < text.length; at += piece) {
                sweep.feed(text, at, Math.min(piece, text.length - at));
            }
            assertEquals(List.of(4, 5), found.stream().map(SecretMatch::line).toList(), "pieces of " + piece);
        }
    }
}
