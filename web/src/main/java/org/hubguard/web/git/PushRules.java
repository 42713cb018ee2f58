package org.hubguard.web.git;

import java.io.IOException;
import java.util.Collection;
import java.util.Locale;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;

/**
 * The pre-receive checks of every push: only branches and tags, and no file larger than the limit (with
 * a message naming the file). Later policies (signed commits) are added here.
 */
class PushRules implements PreReceiveHook {

    private final long maxFileSize;

    PushRules(long maxFileSize) {
        this.maxFileSize = maxFileSize;
    }

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
                    long size = reader.getObjectSize(object, Constants.OBJ_BLOB);
                    if (size > maxFileSize) {
                        return "file " + walk.getPathString() + " is " + mib(size) + "; the limit for a file is " + mib(maxFileSize)
                                + " (" + maxFileSize + " bytes)";
                    }
                }
            }
            return null;
        } catch (IOException e) {
            return "could not check the pushed files: " + e.getMessage();
        }
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
