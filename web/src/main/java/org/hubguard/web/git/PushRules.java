package org.hubguard.web.git;

import java.io.IOException;
import java.util.Collection;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.hubguard.git.GitLimits;

/**
 * The pre-receive checks of every push: only branches and tags, and no file larger than the limit (with
 * a message naming the file). Later policies (signed commits) are added here.
 */
class PushRules implements PreReceiveHook {

    @Override
    public void onPreReceive(ReceivePack receivePack, Collection<ReceiveCommand> commands) {
        for (ReceiveCommand command : commands) {
            if (command.getResult() != ReceiveCommand.Result.NOT_ATTEMPTED) {
                continue;
            }
            String ref = command.getRefName();
            if (!ref.startsWith(Constants.R_HEADS) && !ref.startsWith(Constants.R_TAGS)) {
                command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "only branches and tags can be pushed");
            } else if (command.getType() != ReceiveCommand.Type.DELETE) {
                String tooLarge = firstTooLargeFile(receivePack, command.getNewId());
                if (tooLarge != null) {
                    command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, tooLarge);
                }
            }
        }
    }

    /** "file weights.bin is 11.0 MiB; the limit for a file is 10.0 MiB", or null when every new file fits. */
    private String firstTooLargeFile(ReceivePack receivePack, ObjectId newId) {
        try (ObjectWalk walk = new ObjectWalk(receivePack.getRepository()); ObjectReader reader = walk.getObjectReader()) {
            walk.markStart(walk.parseAny(newId));
            for (Ref existing : receivePack.getAdvertisedRefs().values()) {
                if (existing.getObjectId() != null) {
                    walk.markUninteresting(walk.parseAny(existing.getObjectId()));
                }
            }
            while (walk.next() != null) {
                // only the new objects below
            }
            for (RevObject object = walk.nextObject(); object != null; object = walk.nextObject()) {
                if (object.getType() == Constants.OBJ_BLOB) {
                    String tooLarge = GitLimits.tooLarge(walk.getPathString(), reader.getObjectSize(object, Constants.OBJ_BLOB));
                    if (tooLarge != null) {
                        return tooLarge;
                    }
                }
            }
            return null;
        } catch (IOException e) {
            return "could not check the pushed files: " + e.getMessage();
        }
    }
}
