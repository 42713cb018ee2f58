package org.hubguard.scanning;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

import org.eclipse.jgit.lib.ObjectId;
import org.hubguard.git.CommitsPushed;

/** Every push and every commit through hubguard queues the scans of its files; the push never waits for them. */
@ApplicationScoped
public class ScanOnPush {

    @Inject
    ScanService scans;

    void onPush(@ObservesAsync CommitsPushed pushed) {
        for (CommitsPushed.RefChange change : pushed.changes()) {
            ObjectId newId = ObjectId.fromString(change.newId());
            if (!newId.equals(ObjectId.zeroId())) {
                scans.queueCommit(pushed.repositoryId(), newId);
            }
        }
    }
}
