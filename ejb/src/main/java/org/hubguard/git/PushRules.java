package org.hubguard.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.hubguard.lfs.LfsPointer;
import org.hubguard.signing.SignatureCheck;
import org.hubguard.signing.SignatureService;
import org.hubguard.signing.SignatureStatus;

/**
 * The pre-receive checks of every push: only branches and tags, every new file within the
 * {@link CommitRules} (the same the commit API applies; the message names the file), and, where the
 * repository or its organization requires it, only Verified commits among the new ones (commits already in
 * the repository are not judged again).
 */
class PushRules implements PreReceiveHook {

    private final long repositoryId;
    private final CommitRules rules;
    /** Checks commits when signatures are required; null when they are not. */
    private final SignatureService signatures;

    PushRules(long repositoryId, CommitRules rules, SignatureService signatures) {
        this.repositoryId = repositoryId;
        this.rules = rules;
        this.signatures = signatures;
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
                String badFile = firstBadFile(receivePack, command.getNewId());
                String unsigned = badFile == null && signatures != null ? unverifiedCommits(receivePack, command.getNewId()) : null;
                if (badFile != null || unsigned != null) {
                    command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, badFile != null ? badFile : unsigned);
                }
            }
        }
    }

    /** "this repository requires signed commits; not verified: 1a2b3c4d (unknown_key), ..." or null. */
    private String unverifiedCommits(ReceivePack receivePack, ObjectId newId) {
        List<String> problems = new ArrayList<>();
        try (RevWalk walk = new RevWalk(receivePack.getRepository())) {
            walk.setRetainBody(true);
            walk.markStart(walk.parseCommit(newId));
            for (Ref existing : receivePack.getAdvertisedRefs().values()) {
                if (existing.getObjectId() != null) {
                    try {
                        walk.markUninteresting(walk.parseCommit(existing.getObjectId())); // annotated tags are peeled
                    } catch (org.eclipse.jgit.errors.IncorrectObjectTypeException notACommit) {
                        // a tag of a tree or blob: no history to exclude
                    }
                }
            }
            for (RevCommit commit : walk) {
                SignatureCheck check = signatures.check(commit.name(), commit.getRawBuffer(), commit.getCommitterIdent().getEmailAddress());
                if (check.status() != SignatureStatus.VERIFIED) {
                    problems.add(commit.abbreviate(8).name() + " (" + (check.reason() == null ? "unsigned" : check.reason()) + ")");
                }
            }
        } catch (IOException e) {
            return "could not check the pushed commits: " + e.getMessage();
        }
        if (problems.isEmpty()) {
            return null;
        }
        return "this repository requires signed commits; not verified: " + String.join(", ", problems.subList(0, Math.min(10, problems.size())))
                + (problems.size() > 10 ? " and " + (problems.size() - 10) + " more" : "");
    }

    /** What is wrong with the first new file that breaks a content rule, or null when every new file is fine. */
    private String firstBadFile(ReceivePack receivePack, ObjectId newId) {
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
                    String path = walk.getPathString();
                    long size = reader.getObjectSize(object, Constants.OBJ_BLOB);
                    Optional<LfsPointer> pointer = size <= LfsPointer.MAX_SIZE
                            ? LfsPointer.parse(reader.open(object, Constants.OBJ_BLOB).getCachedBytes()) : Optional.empty();
                    Optional<String> problem = pointer.isPresent() ? CommitRules.pathProblem(path).or(() -> rules.pointerProblem(repositoryId, path, pointer.get()))
                            : rules.fileProblem(path, size);
                    if (problem.isPresent()) {
                        return problem.get();
                    }
                }
            }
            return null;
        } catch (IOException e) {
            return "could not check the pushed files: " + e.getMessage();
        }
    }
}
