package org.hubguard.scanning.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Differential tests with CPython as the oracle (python_oracle.py): the operand decodings match Python's byte for
 * byte, and on every file of both corpora each import CPython's unpicklers make is one hubguard reports.
 */
class PythonSemanticsTest {

    private static final byte[] ALPHABET = "\\\\\\xuUN{}0178afAF'\"\n os\u00c3\u00a9".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    private static final byte[] EXTRA = {(byte) 0xed, (byte) 0xa0, (byte) 0x80, (byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80,
            (byte) 0xc0, (byte) 0xff, (byte) 0xf4, (byte) 0x90, 0x00};

    @Test
    void decodingsMatchPython() throws Exception {
        Random random = new Random(13);
        List<byte[]> inputs = new ArrayList<>();
        for (String edge : List.of("o\\x73", "\\157\\163", "\\q", "\\", "\\x4", "\\x4g", "\\u006fs", "\\\\u006f", "\\\\\\u006f",
                "\\u006", "\\U0000006f", "\\U00110000", "\\ud800", "\\N{LATIN SMALL LETTER O}", "\\400", "\\\n", "")) {
            inputs.add(edge.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        for (int i = 0; i < 3000; i++) {
            byte[] b = new byte[random.nextInt(12)];
            for (int k = 0; k < b.length; k++) {
                b[k] = random.nextInt(4) == 0 ? EXTRA[random.nextInt(EXTRA.length)] : ALPHABET[random.nextInt(ALPHABET.length)];
            }
            inputs.add(b);
        }
        StringBuilder stdin = new StringBuilder();
        List<String> expected = new ArrayList<>();
        HexFormat hex = HexFormat.of();
        for (byte[] input : inputs) {
            for (String kind : List.of("escape", "rawunicode", "utf8", "utf8sp")) {
                stdin.append(kind).append(' ').append(hex.formatHex(input)).append('\n');
                expected.add(kind + " " + hex.formatHex(input) + " -> " + java(kind, input));
            }
        }
        String[] python = PythonProcess.run("python_oracle.py", stdin.toString(), 60, "decode").split("\n");
        assertEquals(expected.size(), python.length);
        for (int i = 0; i < python.length; i++) {
            String line = expected.get(i);
            assertEquals(line.substring(0, line.indexOf(" -> ")) + " -> " + python[i], line);
        }
    }

    private static String java(String kind, byte[] input) {
        byte[] out = switch (kind) {
            case "escape" -> PythonText.escapeDecode(input);
            case "rawunicode" -> utf16(PythonText.rawUnicodeEscape(input));
            case "utf8" -> utf16(PythonText.utf8(input, false));
            default -> utf16(PythonText.utf8(input, true));
        };
        return out == null ? "ERR" : HexFormat.of().formatHex(out);
    }

    private static byte[] utf16(String text) {
        if (text == null) {
            return null;
        }
        byte[] out = new byte[text.length() * 2];
        for (int i = 0; i < text.length(); i++) {
            out[2 * i] = (byte) (text.charAt(i) >> 8);
            out[2 * i + 1] = (byte) text.charAt(i);
        }
        return out;
    }

    @Test
    void everyImportPythonMakesIsReported() throws Exception {
        List<Path> files = new ArrayList<>();
        for (String corpus : List.of("benign", "malicious")) {
            try (Stream<Path> list = Files.list(CorpusTest.corpus(corpus))) {
                list.filter(p -> !p.getFileName().toString().equals("manifest.tsv")).sorted().forEach(files::add);
            }
        }
        String[] args = new String[files.size() + 1];
        args[0] = "imports";
        for (int i = 0; i < files.size(); i++) {
            args[i + 1] = files.get(i).toString();
        }
        int compared = 0;
        for (String line : PythonProcess.run("python_oracle.py", "", 120, args).split("\n")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> row = (Map<String, Object>) Json.parse(line, k -> { });
            Path file = Path.of((String) row.get("file"));
            ScanReport report = new ModelScanner().scan(file);
            Set<String> ours = new HashSet<>();
            report.imports().stream().filter(f -> !f.location().contains("!/") && !f.location().startsWith("["))
                    .forEach(f -> ours.add(f.module() + " " + f.name()));
            for (Object pair : (List<?>) row.get("imports")) {
                List<?> p = (List<?>) pair;
                if (!PythonText.isDottedIdentifier((String) p.get(0))) {
                    continue; // e.g. "mport torch" from a .py file read as INST: no module has that name, the import fails
                }
                String python = p.get(0) + " " + p.get(1);
                assertTrue(ours.contains(python), file.getFileName() + ": Python imports " + python + ", hubguard reports " + ours);
                compared++;
            }
        }
        assertTrue(compared > 150, "the corpora exercise many imports: " + compared);
    }
}
