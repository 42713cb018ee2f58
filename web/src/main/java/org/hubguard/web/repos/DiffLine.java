package org.hubguard.web.repos;

import java.util.List;

/** One line of a unified diff and its kind: {@code add}, {@code del}, {@code hunk} (an {@code @@} header) or {@code context}. */
public record DiffLine(String kind, String text) {

    static List<DiffLine> of(String patch) {
        return patch.lines().map(DiffLine::classify).toList();
    }

    private static DiffLine classify(String line) {
        String kind = line.startsWith("@@") ? "hunk" : line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : "context";
        return new DiffLine(kind, line);
    }
}
