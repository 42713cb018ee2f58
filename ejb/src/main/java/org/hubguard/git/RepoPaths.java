package org.hubguard.git;

import java.util.Locale;
import java.util.Optional;

/** Which file paths a commit may write: relative, no "..", nothing inside ".git". */
public final class RepoPaths {

    static final int MAX_LENGTH = 1000;

    private RepoPaths() {
    }

    /** Why {@code path} cannot be written, or empty when it can. */
    public static Optional<String> problemWith(String path) {
        if (path == null || path.isEmpty()) {
            return Optional.of("A file path is empty.");
        }
        if (path.length() > MAX_LENGTH) {
            return Optional.of("The path '" + path.substring(0, 50) + "...' is longer than " + MAX_LENGTH + " characters.");
        }
        if (path.startsWith("/") || path.contains("\\")) {
            return Optional.of("The path '" + path + "' must be relative, with '/' between folders.");
        }
        if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.of("The path '" + path.replaceAll("\\p{Cntrl}", "?") + "' contains control characters.");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return Optional.of("The path '" + path + "' may not contain empty, '.' or '..' parts.");
            }
            if (segment.toLowerCase(Locale.ROOT).equals(".git")) {
                return Optional.of("The path '" + path + "' may not be inside '.git'.");
            }
        }
        return Optional.empty();
    }
}
