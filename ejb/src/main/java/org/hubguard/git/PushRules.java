package org.hubguard.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.hubguard.lfs.LfsPointer;
import org.hubguard.signing.SignatureCheck;
import org.hubguard.signing.SignatureService;
import org.hubguard.signing.SignatureStatus;

/**
 * The pre-receive checks of every push, each refusal naming what it refuses:
 * <ul>
 * <li>refs: only valid branch and tag names ({@link CommitRules#refProblem});</li>
 * <li>protected branches: never deleted, never rewritten (no non-fast-forward update);</li>
 * <li>content: every entry of every new tree and every new file within the {@link CommitRules} (the same the
 * commit API applies), no symbolic links or submodules unless the server allows them;</li>
 * <li>where signed commits are required: every commit the update makes reachable from the ref that was not
 * reachable before from it or from a protected branch must be Verified; history that is already there
 * (re-pushed, or branched off a protected branch) is not judged again.</li>
 * </ul>
 */
class PushRules implements PreReceiveHook {

    private final long repositoryId;
    private final CommitRules rules;
    private final Set<String> protectedRefs;
    /** Checks commits when signatures are required; null when they are not. */
    private final SignatureService signatures;

    PushRules(long repositoryId, CommitRules rules, Set<String> protectedRefs, SignatureService signatures) {
        this.repositoryId = repositoryId;
        this.rules = rules;
        this.protectedRefs = protectedRefs;
        this.signatures = signatures;
    }

    @Override
    public void onPreReceive(ReceivePack receivePack, Collection<ReceiveCommand> commands) {
        Collection<Ref> refs = receivePack.getAdvertisedRefs().values();
        for (ReceiveCommand command : commands) {
            if (command.getResult() == ReceiveCommand.Result.NOT_ATTEMPTED) {
                refusal(receivePack.getRepository(), refs, command)
                        .ifPresent(reason -> command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, reason));
            }
        }
    }

    /**
     * Why a ref update made without a push (the branch and tag API) is refused, if it is: the same rules as for
     * a push, judged against the repository's refs as they are now. A rewrite must be typed
     * {@link ReceiveCommand.Type#UPDATE_NONFASTFORWARD} by the caller, as JGit does for a push.
     */
    Optional<String> refusal(Repository repo, ReceiveCommand command) throws IOException {
        return refusal(repo, repo.getRefDatabase().getRefs(), command);
    }

    private Optional<String> refusal(Repository repo, Collection<Ref> refs, ReceiveCommand command) {
        String ref = command.getRefName();
        Optional<String> refProblem = CommitRules.refProblem(ref);
        if (refProblem.isPresent()) {
            return refProblem;
        }
        String name = Repository.shortenRefName(ref);
        if (protectedRefs.contains(ref) && command.getType() == ReceiveCommand.Type.DELETE) {
            return Optional.of(name + " is protected: it cannot be deleted");
        }
        if (protectedRefs.contains(ref) && command.getType() == ReceiveCommand.Type.UPDATE_NONFASTFORWARD) {
            return Optional.of(name + " is protected: its history cannot be rewritten (no force pushes)");
        }
        if (command.getType() == ReceiveCommand.Type.DELETE) {
            return Optional.empty();
        }
        try {
            Optional<String> badEntry = firstBadEntry(repo, refs, command.getNewId());
            return badEntry.isPresent() ? badEntry : unverifiedCommits(repo, refs, command);
        } catch (IOException e) {
            return Optional.of("could not check the pushed objects: " + e.getMessage());
        }
    }

    /** What is wrong with the first new tree entry or file that breaks a content rule, if any. */
    private Optional<String> firstBadEntry(Repository repo, Collection<Ref> refs, ObjectId newId) throws IOException {
        try (ObjectWalk walk = new ObjectWalk(repo); ObjectReader reader = walk.getObjectReader()) {
            walk.markStart(walk.parseAny(newId));
            for (Ref existing : refs) {
                if (existing.getObjectId() != null) {
                    walk.markUninteresting(walk.parseAny(existing.getObjectId()));
                }
            }
            while (walk.next() != null) {
                // only the new objects below
            }
            for (RevObject object = walk.nextObject(); object != null; object = walk.nextObject()) {
                String path = walk.getPathString();
                Optional<String> problem = object.getType() == Constants.OBJ_TREE ? treeProblem(reader, object, path)
                        : object.getType() == Constants.OBJ_BLOB ? fileProblem(reader, object, path) : Optional.empty();
                if (problem.isPresent()) {
                    return problem;
                }
            }
            return Optional.empty();
        }
    }

    /** The entries of a new tree: their names, and no symbolic links or submodules unless allowed. */
    private Optional<String> treeProblem(ObjectReader reader, RevObject tree, String path) throws IOException {
        String prefix = path == null || path.isEmpty() ? "" : path + "/";
        for (CanonicalTreeParser entries = new CanonicalTreeParser(null, reader, tree); !entries.eof(); entries.next()) {
            String entryPath = prefix + entries.getEntryPathString();
            Optional<String> problem = rules.entryProblem(entryPath, entries.getEntryFileMode());
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private Optional<String> fileProblem(ObjectReader reader, RevObject blob, String path) throws IOException {
        long size = reader.getObjectSize(blob, Constants.OBJ_BLOB);
        Optional<LfsPointer> pointer = size <= LfsPointer.MAX_SIZE
                ? LfsPointer.parse(reader.open(blob, Constants.OBJ_BLOB).getCachedBytes()) : Optional.empty();
        return pointer.isPresent() ? rules.pointerProblem(repositoryId, path, pointer.get()) : rules.fileProblem(path, size);
    }

    /** "this repository requires signed commits; not verified: 1a2b3c4d (unknown_key), ..." when signatures are required. */
    private Optional<String> unverifiedCommits(Repository repo, Collection<Ref> refs, ReceiveCommand command) throws IOException {
        if (signatures == null) {
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setRetainBody(true);
            RevObject tip = walk.peel(walk.parseAny(command.getNewId()));
            if (!(tip instanceof RevCommit start)) {
                return Optional.empty(); // a tag of a tree or blob: no history
            }
            walk.markStart(start);
            if (!command.getOldId().equals(ObjectId.zeroId())) {
                markUninteresting(walk, command.getOldId());
            }
            for (Ref existing : refs) {
                if (protectedRefs.contains(existing.getName()) && existing.getObjectId() != null) {
                    markUninteresting(walk, existing.getObjectId());
                }
            }
            for (RevCommit commit : walk) {
                SignatureCheck check = signatures.check(commit.name(), commit.getRawBuffer(), commit.getCommitterIdent().getEmailAddress());
                if (check.status() != SignatureStatus.VERIFIED) {
                    problems.add(commit.abbreviate(8).name() + " (" + (check.reason() == null ? "unsigned" : check.reason()) + ")");
                }
            }
        }
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("this repository requires signed commits; not verified: " + String.join(", ", problems.subList(0, Math.min(10, problems.size())))
                + (problems.size() > 10 ? " and " + (problems.size() - 10) + " more" : ""));
    }

    private static void markUninteresting(RevWalk walk, ObjectId id) throws IOException {
        try {
            if (walk.peel(walk.parseAny(id)) instanceof RevCommit commit) {
                walk.markUninteresting(commit);
            }
        } catch (IncorrectObjectTypeException | org.eclipse.jgit.errors.MissingObjectException notHistory) {
            // nothing to exclude
        }
    }
}
