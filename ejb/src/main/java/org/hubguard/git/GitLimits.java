package org.hubguard.git;

import java.util.Locale;

import org.hubguard.config.Settings;

/** Limits for what goes into a repository, the same for git pushes and the commit API. */
public final class GitLimits {

    /** Largest single file; {@code HUBGUARD_GIT_MAX_FILE_SIZE} bytes, default 10 MiB (large-file storage is not there yet). */
    public static final long MAX_FILE_SIZE = Long.parseLong(Settings.get("hubguard.git.max-file-size", String.valueOf(10L * 1024 * 1024)));

    private GitLimits() {
    }

    /** "file weights.bin is 11.0 MiB; the limit for a file is 10.0 MiB (10485760 bytes)", or null when it fits. */
    public static String tooLarge(String path, long size) {
        if (size <= MAX_FILE_SIZE) {
            return null;
        }
        return "file " + path + " is " + mib(size) + "; the limit for a file is " + mib(MAX_FILE_SIZE) + " (" + MAX_FILE_SIZE + " bytes)";
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
