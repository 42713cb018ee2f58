package org.hubguard.repos;

import org.hubguard.access.InvalidInputException;

/** Repository ids as the Hub writes them: "namespace/name". */
public final class RepoIds {

    private RepoIds() {
    }

    /** The two parts of {@code repoId}, or a clear 400 naming {@code field}. */
    public static String[] split(String repoId, String field) {
        String[] parts = repoId == null ? new String[0] : repoId.trim().split("/", -1);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new InvalidInputException(field + " must be 'namespace/name', e.g. 'alice/my-model'.");
        }
        return parts;
    }
}
