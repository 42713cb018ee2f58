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
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.hubguard.lfs.LfsPointer;
import org.hubguard.secrets.SecretScan;
import org.hubguard.secrets.TextBlobs;
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
 * <li>secrets: the new files (text, and text-sized LFS objects) are scanned, and {@link org.hubguard.secrets.PushProtection}
 * decides what the findings mean;</li>
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
    /** Judges the secrets found in the new files (push protection); null when secret scanning is off. */
    private final SecretJudge secrets;
    /** Told of every refusal but the secret ones (which push protection records itself), for the audit log. */
    private final java.util.function.BiConsumer<String, String> refused;

    /** What the secrets of a push mean, given its push options (the bypass marker is one). */
    interface SecretJudge {
        Optional<String> refusal(SecretScan scan, List<String> pushOptions);
    }

    PushRules(long repositoryId, CommitRules rules, Set<String> protectedRefs, SignatureService signatures,
              SecretJudge secrets, java.util.function.BiConsumer<String, String> refused) {
        this.repositoryId = repositoryId;
        this.rules = rules;
        this.protectedRefs = protectedRefs;
        this.signatures = signatures;
        this.secrets = secrets;
        this.refused = refused;
    }

    /**
     * Every ref update by its own rules; then the secrets in all of the push's new files at once, which refuse
     * every update still standing (the updates share their objects).
     */
    @Override
    public void onPreReceive(ReceivePack receivePack, Collection<ReceiveCommand> commands) {
        Collection<Ref> refs = receivePack.getAdvertisedRefs().values();
        SecretScan scan = secrets == null ? null : new SecretScan();
        for (ReceiveCommand command : commands) {
            if (command.getResult() == ReceiveCommand.Result.NOT_ATTEMPTED) {
                refusal(receivePack.getRepository(), refs, command, scan)
                        .ifPresent(reason -> command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, reason));
            }
        }
        List<String> options = receivePack.isAllowPushOptions() && receivePack.getPushOptions() != null
                ? receivePack.getPushOptions() : List.of();
        secretRefusal(scan, options).ifPresent(reason -> {
            for (ReceiveCommand command : commands) {
                if (command.getResult() == ReceiveCommand.Result.NOT_ATTEMPTED && command.getType() != ReceiveCommand.Type.DELETE) {
                    command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, reason);
                }
            }
        });
    }

    /**
     * Why a ref update made without a push (the branch and tag API) is refused, if it is: the same rules as for
     * a push, judged against the repository's refs as they are now. A rewrite must be typed
     * {@link ReceiveCommand.Type#UPDATE_NONFASTFORWARD} by the caller, as JGit does for a push.
     */
    Optional<String> refusal(Repository repo, ReceiveCommand command) throws IOException {
        SecretScan scan = secrets == null ? null : new SecretScan();
        return refusal(repo, repo.getRefDatabase().getRefs(), command, scan).or(() -> secretRefusal(scan, List.of()));
    }

    private Optional<String> secretRefusal(SecretScan scan, List<String> pushOptions) {
        return scan == null || scan.isEmpty() ? Optional.empty() : secrets.refusal(scan, pushOptions);
    }

    private Optional<String> refusal(Repository repo, Collection<Ref> refs, ReceiveCommand command, SecretScan scan) {
        Optional<String> refusal = contentRefusal(repo, refs, command, scan);
        refusal.ifPresent(reason -> refused.accept(command.getRefName(), reason));
        return refusal;
    }

    private Optional<String> contentRefusal(Repository repo, Collection<Ref> refs, ReceiveCommand command, SecretScan scan) {
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
        if (scan != null) {
            scan.inspectRefName(ref);
        }
        try {
            Optional<String> badEntry = firstBadEntry(repo, refs, command.getNewId(), scan);
            return badEntry.isPresent() ? badEntry : unverifiedCommits(repo, refs, command);
        } catch (IOException e) {
            return Optional.of("could not check the pushed objects: " + e.getMessage());
        }
    }

    /** What is wrong with the first new tree entry or file that breaks a content rule, if any. */
    private Optional<String> firstBadEntry(Repository repo, Collection<Ref> refs, ObjectId newId, SecretScan scan) throws IOException {
        try (ObjectWalk walk = new ObjectWalk(repo); ObjectReader reader = walk.getObjectReader()) {
            walk.markStart(walk.parseAny(newId));
            for (Ref existing : refs) {
                if (existing.getObjectId() != null) {
                    walk.markUninteresting(walk.parseAny(existing.getObjectId()));
                }
            }
            for (RevCommit commit = walk.next(); commit != null; commit = walk.next()) {
                if (scan != null) { // a message can carry a secret as well as a file
                    walk.parseBody(commit); // an ObjectWalk keeps no bodies by itself
                    scan.inspectMessage("commit " + commit.abbreviate(8).name(), commit.getFullMessage());
                }
            }
            for (RevObject object = walk.nextObject(); object != null; object = walk.nextObject()) {
                String path = walk.getPathString();
                if (object instanceof RevTag tag && scan != null) {
                    walk.parseBody(tag);
                    scan.inspectMessage("tag " + tag.getTagName(), tag.getFullMessage());
                }
                Optional<String> problem = object.getType() == Constants.OBJ_TREE ? treeProblem(reader, object, path, scan)
                        : object.getType() == Constants.OBJ_BLOB ? fileProblem(reader, object, path, scan) : Optional.empty();
                if (problem.isPresent()) {
                    return problem;
                }
            }
            return Optional.empty();
        }
    }

    /** The entries of a new tree: their names (secrets in them too), and no symbolic links or submodules unless allowed. */
    private Optional<String> treeProblem(ObjectReader reader, RevObject tree, String path, SecretScan scan) throws IOException {
        String prefix = path == null || path.isEmpty() ? "" : path + "/";
        for (CanonicalTreeParser entries = new CanonicalTreeParser(null, reader, tree); !entries.eof(); entries.next()) {
            String entryPath = prefix + entries.getEntryPathString();
            if (scan != null) {
                scan.inspectPath(entryPath);
            }
            Optional<String> problem = rules.entryProblem(entryPath, entries.getEntryFileMode());
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    /**
     * A new file: an LFS pointer must name an object the repository has, any other file must fit git's limit.
     * Every new file is scanned for secrets whatever its size or kind (text by every rule, the rest for hubguard
     * tokens, streamed); an LFS pointer's object from the LFS store. A small file is read once for both.
     */
    private Optional<String> fileProblem(ObjectReader reader, RevObject blob, String path, SecretScan scan) throws IOException {
        long size = reader.getObjectSize(blob, Constants.OBJ_BLOB);
        boolean scanIt = scan != null && scan.firstLook(blob.name());
        boolean inMemory = size <= LfsPointer.MAX_SIZE || scanIt && TextBlobs.isTextSized(size);
        byte[] content = inMemory ? reader.open(blob, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE) : null;
        Optional<LfsPointer> pointer = size <= LfsPointer.MAX_SIZE ? LfsPointer.parse(content) : Optional.empty();
        if (pointer.isPresent()) {
            Optional<String> problem = rules.pointerProblem(repositoryId, path, pointer.get());
            if (problem.isEmpty() && scan != null && scan.firstLook(pointer.get().oid())) {
                rules.scanLfsObject(scan, path, pointer.get());
            }
            return problem;
        }
        Optional<String> problem = rules.fileProblem(path, size);
        if (problem.isEmpty() && scanIt) {
            if (content != null) {
                scan.inspect(path, content);
            } else {
                try (java.io.InputStream in = reader.open(blob, Constants.OBJ_BLOB).openStream()) {
                    scan.inspect(path, in, size);
                }
            }
        }
        return problem;
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
