package org.hubguard.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.GpgSignature;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.hubguard.access.Action;
import org.hubguard.access.ConflictException;
import org.hubguard.access.InvalidInputException;
import org.hubguard.access.NotFoundException;
import org.hubguard.access.RequestRefusedException;
import org.hubguard.repos.RepoContext;
import org.hubguard.scanning.OwedScans;
import org.hubguard.signing.HubguardSigner;

/**
 * Branches and tags of a repository: listing them (read access), creating and deleting them (write access),
 * for the Hub's refs, branch and tag APIs. Names are git's ref names (checked by JGit), never {@code HEAD},
 * never a full commit id (which would shadow the commit); the default branch {@code main} cannot be deleted.
 * Tags are annotated and signed with hubguard's key, like the commits hubguard writes.
 */
@Stateless
public class RefService {

    private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-fA-F]{40}");

    @Inject
    GitStorage storage;

    @Inject
    HubguardSigner signer;

    @Inject
    PushHooks pushes;

    @Inject
    OwedScans owedScans;

    /** Branches and tags, each sorted by name; a tag's target is the commit it names (annotated tags peeled). */
    public RefList list(RepoContext repo) {
        repo.require(Action.READ_REPO);
        try (Repository git = storage.open(repo.id())) {
            return new RefList(refs(git, Constants.R_HEADS), refs(git, Constants.R_TAGS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record RefList(List<GitRef> branches, List<GitRef> tags) {
    }

    private static List<GitRef> refs(Repository git, String prefix) throws IOException {
        return git.getRefDatabase().getRefsByPrefix(prefix).stream()
                .map(ref -> new GitRef(ref.getName().substring(prefix.length()), ref.getName(), target(git, ref)))
                .sorted(java.util.Comparator.comparing(GitRef::name))
                .toList();
    }

    private static String target(Repository git, Ref ref) {
        try {
            Ref peeled = git.getRefDatabase().peel(ref);
            ObjectId id = peeled.getPeeledObjectId() != null ? peeled.getPeeledObjectId() : peeled.getObjectId();
            return id.name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates {@code branch} at {@code startingPoint} (a branch, tag or commit id; the default branch when
     * null), or at a new commit with no files when {@code empty}. An existing branch is a conflict unless
     * {@code overwrite}, which moves it to the starting point or the empty commit given (and leaves it where it
     * is when neither is, as @huggingface/hub documents).
     */
    public GitRef createBranch(RepoContext repo, String branch, String startingPoint, boolean empty, boolean overwrite) {
        repo.require(Action.WRITE_REPO);
        String ref = Constants.R_HEADS + checkedName(branch, "branch");
        if (empty && startingPoint != null) {
            throw new InvalidInputException("A branch is either empty or starts at a revision, not both.");
        }
        try (Repository git = storage.open(repo.id()); RevWalk walk = new RevWalk(git)) {
            ObjectId existing = git.resolve(ref);
            if (existing != null && !overwrite) {
                throw new ConflictException("Reference already exists: the branch '" + branch + "' exists.");
            }
            if (existing != null && !empty && startingPoint == null) {
                return new GitRef(branch, ref, existing.name());
            }
            ObjectId target = empty ? emptyCommit(git, repo) : commitOf(git, startingPoint == null ? GitStorage.MAIN : startingPoint);
            ObjectId old = existing == null ? ObjectId.zeroId() : existing;
            boolean rewrite = existing != null && !walk.isMergedInto(walk.parseCommit(existing), walk.parseCommit(target));
            requireAllowed(repo, git, new ReceiveCommand(old, target, ref,
                    existing == null ? ReceiveCommand.Type.CREATE : rewrite ? ReceiveCommand.Type.UPDATE_NONFASTFORWARD : ReceiveCommand.Type.UPDATE));
            RefUpdate update = git.updateRef(ref);
            update.setNewObjectId(target);
            update.setExpectedOldObjectId(existing == null ? ObjectId.zeroId() : existing);
            update.setForceUpdate(overwrite);
            update.setRefLogMessage("branch created via hubguard by " + repo.caller().username(), false);
            requireDone(update.update(walk), branch);
            owe(repo, ref, old, target);
            return new GitRef(branch, ref, target.name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void deleteBranch(RepoContext repo, String branch) {
        repo.require(Action.WRITE_REPO);
        if (GitStorage.MAIN.equals(branch)) {
            throw new InvalidInputException("The default branch '" + GitStorage.MAIN + "' cannot be deleted.");
        }
        delete(repo, Constants.R_HEADS + branch, "branch", branch);
    }

    /** Tags {@code revision} (branch, tag or commit id) as {@code tag}: an annotated tag with the message, signed by hubguard. */
    public GitRef createTag(RepoContext repo, String revision, String tag, String message) {
        repo.require(Action.WRITE_REPO);
        String ref = Constants.R_TAGS + checkedName(tag, "tag");
        try (Repository git = storage.open(repo.id()); RevWalk walk = new RevWalk(git); ObjectInserter inserter = git.newObjectInserter()) {
            ObjectId commit = commitOf(git, revision);
            if (git.resolve(ref) != null) {
                throw new ConflictException("Tag reference " + ref + " already exists.");
            }
            TagBuilder builder = new TagBuilder();
            builder.setObjectId(commit, Constants.OBJ_COMMIT);
            builder.setTag(tag);
            builder.setTagger(hubguard());
            builder.setMessage(message == null || message.isBlank() ? tag + "\n" : message.strip() + "\n");
            builder.setGpgSignature(new GpgSignature(signer.sign(builder.build())));
            ObjectId tagId = inserter.insert(builder);
            inserter.flush();
            requireAllowed(repo, git, new ReceiveCommand(ObjectId.zeroId(), tagId, ref, ReceiveCommand.Type.CREATE));
            RefUpdate update = git.updateRef(ref);
            update.setNewObjectId(tagId);
            update.setExpectedOldObjectId(ObjectId.zeroId());
            update.setRefLogMessage("tag created via hubguard by " + repo.caller().username(), false);
            requireDone(update.update(walk), tag);
            owe(repo, ref, ObjectId.zeroId(), tagId);
            return new GitRef(tag, ref, commit.name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void deleteTag(RepoContext repo, String tag) {
        repo.require(Action.WRITE_REPO);
        delete(repo, Constants.R_TAGS + tag, "tag", tag);
    }

    private void delete(RepoContext repo, String ref, String kind, String name) {
        try (Repository git = storage.open(repo.id())) {
            Ref existing = Repository.isValidRefName(ref) ? git.exactRef(ref) : null;
            if (existing == null) {
                throw new NotFoundException("RevisionNotFound", "Invalid rev id: there is no " + kind + " '" + name + "'.");
            }
            requireAllowed(repo, git, new ReceiveCommand(existing.getObjectId(), ObjectId.zeroId(), ref, ReceiveCommand.Type.DELETE));
            RefUpdate update = git.updateRef(ref);
            update.setExpectedOldObjectId(existing.getObjectId());
            update.setForceUpdate(true);
            update.setRefLogMessage(kind + " deleted via hubguard by " + repo.caller().username(), false);
            RefUpdate.Result result = update.delete();
            if (result != RefUpdate.Result.FORCED && result != RefUpdate.Result.FAST_FORWARD) {
                throw new ConflictException("The " + kind + " '" + name + "' changed while deleting it (" + result + "). Try again.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rules of a push judge the update first: protected branches, required signatures, content. */
    private void requireAllowed(RepoContext repo, Repository git, ReceiveCommand command) throws IOException {
        Optional<String> refusal = pushes.rulesForApi(repo).refusal(git, command);
        if (refusal.isPresent()) {
            throw new RequestRefusedException(403, "Refused: " + refusal.get() + ".");
        }
    }

    /** What a new branch or tag makes reachable is scanned like a push (usually scanned already: nothing to do). */
    private void owe(RepoContext repo, String ref, ObjectId oldId, ObjectId newId) {
        owedScans.record(new CommitsPushed(repo.id(), List.of(new CommitsPushed.RefChange(ref, oldId.name(), newId.name()))));
    }

    /** A commit with no files and no parent, signed like every commit hubguard writes. */
    private ObjectId emptyCommit(Repository git, RepoContext repo) throws IOException {
        try (ObjectInserter inserter = git.newObjectInserter()) {
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(inserter.insert(new TreeFormatter()));
            commit.setAuthor(hubguard());
            commit.setCommitter(hubguard());
            commit.setMessage("Empty branch created by " + repo.caller().username() + "\n");
            commit.setGpgSignature(new GpgSignature(signer.sign(commit.build())));
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id;
        }
    }

    /** hubguard as the tagger or committer, now (an identity made once would carry a stale date). */
    private static PersonIdent hubguard() {
        return new PersonIdent(HubguardSigner.NAME, HubguardSigner.EMAIL);
    }

    private static ObjectId commitOf(Repository git, String revision) throws IOException {
        try {
            ObjectId commit = git.resolve(revision + "^{commit}");
            if (commit != null) {
                return commit;
            }
        } catch (org.eclipse.jgit.errors.RevisionSyntaxException | org.eclipse.jgit.errors.AmbiguousObjectException
                 | org.eclipse.jgit.errors.MissingObjectException | org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
            // not a commit of this repository: reported below
        }
        throw new NotFoundException("RevisionNotFound", "Invalid rev id: " + revision);
    }

    private static void requireDone(RefUpdate.Result result, String name) {
        switch (result) {
            case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> {
            }
            case LOCK_FAILURE, REJECTED -> throw new ConflictException("'" + name + "' clashes with an existing reference "
                    + "(a branch or tag cannot be both 'a' and 'a/b'), or it changed at the same moment.");
            default -> throw new ConflictException("'" + name + "' could not be written (" + result + "). Try again.");
        }
    }

    /** A branch or tag name git accepts, that is not HEAD and does not look like a commit id. */
    static String checkedName(String name, String kind) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("Give the " + kind + " a name.");
        }
        if (name.equals("HEAD") || name.startsWith("refs/") || COMMIT_ID.matcher(name).matches()
                || name.startsWith("-") || !Repository.isValidRefName(Constants.R_HEADS + name)) {
            throw new InvalidInputException("Invalid " + kind + " name '" + name + "': use letters, digits and . _ - /, "
                    + "without spaces, '..', '~', '^', ':', '?', '*', '[', '\\\\' or a trailing '.lock'; not HEAD, not refs/..., not a commit id.");
        }
        return name;
    }
}
