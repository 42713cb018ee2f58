package org.hubguard.scanning;

import java.util.List;

/** What clamd said about one file: clean, infected (with signature names), or why it could not say. */
public record AvResult(Verdict verdict, List<String> virusNames, String error) {

    public enum Verdict { CLEAN, INFECTED, ERROR }

    public AvResult {
        virusNames = List.copyOf(virusNames);
    }

    static AvResult clean() {
        return new AvResult(Verdict.CLEAN, List.of(), null);
    }

    static AvResult infected(List<String> names) {
        return new AvResult(Verdict.INFECTED, names, null);
    }

    static AvResult error(String reason) {
        return new AvResult(Verdict.ERROR, List.of(), reason);
    }
}
