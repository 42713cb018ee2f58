package org.hubguard.scanning.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

/** Both corpora as seeds of the fuzz tests (Jazzer records them as its starting corpus when fuzzing). */
final class FuzzSeeds {

    private FuzzSeeds() {
    }

    static Stream<Arguments> corpora() {
        List<Arguments> seeds = new ArrayList<>();
        for (CorpusTest.Entry entry : concat(CorpusTest.manifest("benign"), CorpusTest.manifest("malicious"))) {
            try {
                if (Files.size(entry.file()) <= 1 << 20) {
                    seeds.add(Arguments.of((Object) Files.readAllBytes(entry.file())));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return seeds.stream();
    }

    private static List<CorpusTest.Entry> concat(List<CorpusTest.Entry> a, List<CorpusTest.Entry> b) {
        List<CorpusTest.Entry> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** A file name chosen by the input's length, so that name claims are fuzzed without consuming input bytes. */
    static String name(byte[] data) {
        String[] names = {"model.pkl", "pytorch_model.bin", "model.safetensors", "x.npy", "x.npz", "m.joblib", "data", "a.pt.gz", "README.md"};
        return names[data.length % names.length];
    }

}
