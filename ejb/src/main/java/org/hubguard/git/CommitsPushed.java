package org.hubguard.git;

import java.util.List;

/**
 * The ref updates of a push or a commit: recorded as owed scan work, and announced (a CDI event, observed
 * after the recording transaction commits) so that the scans are queued at once.
 */
public record CommitsPushed(long repositoryId, List<RefChange> changes) {

    public CommitsPushed {
        changes = List.copyOf(changes);
    }

    public record RefChange(String ref, String oldId, String newId) {
    }
}
