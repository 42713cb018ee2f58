package org.hubguard.scanning.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of both corpora gets the verdict its manifest says: the benign corpus (written by torch, numpy and
 * joblib, see make_benign.py) is all SAFE; the adversarial one (make_corpus.py, each file one bypass technique)
 * gets its expected verdict, and none of it is SAFE; so do the inputs fuzzing found (corpus/fuzz-findings).
 */
class CorpusTest {

    record Entry(Path file, Verdict expected, String technique) {
        @Override
        public String toString() {
            return file.getFileName() + " (" + technique + ")";
        }
    }

    static Path corpus(String name) {
        try {
            return Paths.get(CorpusTest.class.getResource("/corpus/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Entry> manifest(String name) {
        Path dir = corpus(name);
        try {
            return Files.readAllLines(dir.resolve("manifest.tsv"), StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\t", 3))
                    .map(f -> new Entry(dir.resolve(f[0]), Verdict.fromWireName(f[1]), f[2]))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> benign() {
        return manifest("benign").stream().map(Arguments::of);
    }

    /** The adversarial corpus and the inputs fuzzing found (corpus/fuzz-findings). */
    static Stream<Arguments> malicious() {
        return Stream.concat(manifest("malicious").stream(), manifest("fuzz-findings").stream()).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("benign")
    void benignFilesAreSafe(Entry entry) throws IOException {
        ScanReport report = new ModelScanner().scan(entry.file());
        assertEquals(Verdict.SAFE, entry.expected(), "the benign manifest lists only safe files");
        assertEquals(Verdict.SAFE, report.verdict(), entry + ": " + report.serialize());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malicious")
    void adversarialFilesGetTheirVerdict(Entry entry) throws IOException {
        ScanReport report = new ModelScanner().scan(entry.file());
        assertFalse(report.verdict() == Verdict.SAFE, entry + " was called safe: " + report.serialize());
        assertEquals(entry.expected(), report.verdict(), entry + ": " + report.serialize());
        assertTrue(report.serialize().chars().allMatch(c -> c >= 0x20 && c < 0x7f), "the stored form is printable ASCII");
    }
}
