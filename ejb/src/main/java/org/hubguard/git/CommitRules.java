package org.hubguard.git;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.hubguard.access.InvalidInputException;
import org.hubguard.config.HubguardConfig;

/**
 * What a commit may contain, the same whether it arrives by git push (the pre-receive step) or through the
 * commit API and the page editor: relative paths without ".." or anything inside ".git", and files no
 * larger than {@code HUBGUARD_GIT_MAX_FILE_SIZE}.
 */
@ApplicationScoped
public class CommitRules {

    static final int MAX_PATH_LENGTH = 1000;

    @Inject
    HubguardConfig config;

    public long maxFileSize() {
        return config.gitMaxFileSize();
    }

    /** Refuses the first change that breaks a rule, with a message naming the file. */
    public void check(List<FileChange> changes) {
        for (FileChange change : changes) {
            requireNoProblem(pathProblem(change.path()));
            if (change instanceof FileChange.Put put) {
                requireNoProblem(sizeProblem(put.path(), put.content().length));
            }
        }
    }

    /** The Hub's preupload step: the same rules, before any content is sent. */
    public void checkUpload(List<String> paths, List<Long> sizes) {
        for (int i = 0; i < paths.size(); i++) {
            requireNoProblem(pathProblem(paths.get(i)));
            requireNoProblem(sizeProblem(paths.get(i), sizes.get(i)));
        }
    }

    /** Why a file of {@code size} bytes at {@code path} cannot be committed, or empty when it can. */
    public Optional<String> fileProblem(String path, long size) {
        return pathProblem(path).or(() -> sizeProblem(path, size));
    }

    /** "file weights.bin is 11.0 MiB; the limit for a file is 10.0 MiB (10485760 bytes)", or empty when it fits. */
    Optional<String> sizeProblem(String path, long size) {
        long limit = maxFileSize();
        if (size <= limit) {
            return Optional.empty();
        }
        return Optional.of("file " + path + " is " + mib(size) + "; the limit for a file is " + mib(limit) + " (" + limit + " bytes)");
    }

    /** Why {@code path} cannot be written, or empty when it can. */
    static Optional<String> pathProblem(String path) {
        if (path == null || path.isEmpty()) {
            return Optional.of("A file path is empty.");
        }
        if (path.length() > MAX_PATH_LENGTH) {
            return Optional.of("The path '" + path.substring(0, 50) + "...' is longer than " + MAX_PATH_LENGTH + " characters.");
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

    private static void requireNoProblem(Optional<String> problem) {
        problem.ifPresent(message -> {
            throw new InvalidInputException(message);
        });
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
