package org.hubguard.git;

import java.util.List;

/**
 * Announced (asynchronously, as a CDI event) after a push or a commit has updated refs: for the work
 * that must not hold up the push, like malware scanning.
 */
public record CommitsPushed(long repositoryId, List<RefChange> changes) {

    public CommitsPushed {
        changes = List.copyOf(changes);
    }

    public record RefChange(String ref, String oldId, String newId) {
    }
}
