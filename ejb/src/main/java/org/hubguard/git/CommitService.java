package org.hubguard.git;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.GpgSignature;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.hubguard.access.Action;
import org.hubguard.access.Caller;
import org.hubguard.access.ConflictException;
import org.hubguard.access.InvalidInputException;
import org.hubguard.access.NotFoundException;
import org.hubguard.accounts.AccountService;
import org.hubguard.accounts.User;
import org.hubguard.lfs.LfsPointer;
import org.hubguard.lfs.LfsService;
import org.hubguard.lfs.LfsStore;
import org.hubguard.repos.RepoContext;
import org.hubguard.scanning.OwedScans;
import org.hubguard.signing.HubguardSigner;

/**
 * Commits made through the API and the browser editor: written with JGit onto the branch head, authored by
 * the user, committed by hubguard, and announced like a push. The branch moves by compare-and-swap, so a
 * concurrent push or commit is never lost: the later one gets 409.
 */
@Stateless
public class CommitService {

    @Inject
    CommitRules rules;

    @Inject
    GitStorage storage;

    @Inject
    AccountService accounts;

    @Inject
    OwedScans owedScans;

    @Inject
    HubguardSigner signer;

    @Inject
    GitReader gitReader;

    @Inject
    LfsService lfs;

    @Inject
    LfsStore lfsStore;

    /** Checks write access and the content rules before any upload (the Hub's preupload step). */
    public void checkUpload(RepoContext repo, List<String> paths, List<Long> sizes) {
        repo.require(Action.WRITE_REPO);
        rules.checkUpload(paths, sizes);
    }

    /** Makes one commit on {@code branch}; returns its id. */
    public String commit(RepoContext repo, String branch, String summary, String description,
                         String parentCommit, List<FileChange> changes) {
        return commit(repo, branch, summary, description, parentCommit, changes, null);
    }

    /**
     * Makes one commit on {@code branch}; {@code secretScanningBypass} ("false-positive", ...) lets secrets other
     * than live hubguard tokens through push protection, recorded in the audit log.
     */
    public String commit(RepoContext repo, String branch, String summary, String description,
                         String parentCommit, List<FileChange> changes, String secretScanningBypass) {
        return write(repo, branch, summary, description, parentCommit, changes, false, secretScanningBypass);
    }

    /**
     * Puts files into a new repository's first commit (the Hub's create-with-files): the initial commit of
     * {@code main} is replaced by one that also holds them. Only while that commit is the branch's only one.
     */
    public String addToInitialCommit(RepoContext repo, List<FileChange> changes) {
        return write(repo, GitStorage.MAIN, "Initial commit", null, null, changes, true, null);
    }

    private String write(RepoContext repo, String branch, String summary, String description,
                         String parentCommit, List<FileChange> changes, boolean replaceInitial, String secretScanningBypass) {
        repo.require(Action.WRITE_REPO);
        if (summary == null || summary.isBlank()) {
            throw new InvalidInputException("A commit needs a summary.");
        }
        if (changes.isEmpty()) {
            throw new InvalidInputException("A commit needs at least one file change.");
        }
        if (branch == null || !org.eclipse.jgit.lib.Repository.isValidRefName(Constants.R_HEADS + branch)) {
            throw new InvalidInputException("'" + branch + "' is not a valid branch name.");
        }
        rules.check(changes);
        Caller caller = repo.caller();
        User author = caller.isUser() ? accounts.findByUsername(caller.username()).orElse(null) : null;
        PersonIdent authorIdent = author == null ? hubguard() : new PersonIdent(author.getUsername(), author.getEmail());
        try (org.eclipse.jgit.lib.Repository git = storage.open(repo.id());
             RevWalk walk = new RevWalk(git); ObjectInserter inserter = git.newObjectInserter(); ObjectReader reader = git.newObjectReader()) {
            String ref = Constants.R_HEADS + branch;
            ObjectId head = git.resolve(ref);
            if (head == null) {
                throw new NotFoundException("RevisionNotFound", "There is no branch '" + branch + "'.");
            }
            if (parentCommit != null && !parentCommit.isBlank() && !head.name().equals(parentCommit.trim())) {
                throw new ConflictException("The branch " + branch + " has moved on: the parent commit " + parentCommit.trim()
                        + " is not its head (" + head.name() + "). Reload and try again.");
            }
            RevCommit headCommit = walk.parseCommit(head);
            if (replaceInitial && headCommit.getParentCount() != 0) {
                throw new ConflictException("The branch " + branch + " already has commits beyond its initial one.");
            }
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, headCommit.getTree());
            builder.finish();
            // Every check first: a refused commit must not leave a single git object behind.
            List<LfsPointer> lfsFiles = lfsPointersOf(repo, changes);
            for (FileChange change : changes) {
                TreeWalk existing = TreeWalk.forPath(git, reader, change.path(), headCommit.getTree());
                boolean isTree = existing != null && existing.getFileMode(0) == FileMode.TREE;
                if ((change instanceof FileChange.Put || change instanceof FileChange.PutLfs) && isTree) {
                    throw new InvalidInputException("'" + change.path() + "' is a folder; it cannot be replaced by a file.");
                } else if (change instanceof FileChange.Delete && (existing == null || isTree)) {
                    throw new EntryNotFoundException("There is no file '" + change.path() + "' to delete.", head.name());
                } else if (change instanceof FileChange.DeleteFolder && !isTree) {
                    throw new EntryNotFoundException("There is no folder '" + change.path() + "' to delete.", head.name());
                }
            }
            String message = summary.trim() + (description == null || description.isBlank() ? "" : "\n\n" + description.trim()) + "\n";
            rules.checkSecrets(repo, message, changes, secretScanningBypass); // after the cheap checks, before a single object is written
            LfsAttributes attributes = gitReader.lfsAttributes(repo.id(), head);
            DirCacheEditor editor = index.editor();
            for (int i = 0; i < changes.size(); i++) {
                FileChange change = changes.get(i);
                if (change instanceof FileChange.PutLfs) {
                    putFile(editor, change.path(), inserter.insert(Constants.OBJ_BLOB, lfsFiles.get(i).text()));
                } else if (change instanceof FileChange.Put put) {
                    putFile(editor, put.path(), insert(repo, inserter, put, attributes));
                } else if (change instanceof FileChange.Delete delete) {
                    editor.add(new DirCacheEditor.DeletePath(delete.path()));
                } else if (change instanceof FileChange.DeleteFolder folder) {
                    editor.add(new DirCacheEditor.DeleteTree(folder.path()));
                }
            }
            editor.finish();
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            commit.setParentIds(replaceInitial ? headCommit.getParents() : new ObjectId[] {head});
            commit.setAuthor(authorIdent);
            commit.setCommitter(hubguard());
            commit.setMessage(message);
            // Signed with hubguard's key: the commit shows as Verified, made through hubguard for its author.
            commit.setGpgSignature(new GpgSignature(signer.sign(commit.build())));
            ObjectId commitId = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = git.updateRef(ref);
            update.setExpectedOldObjectId(head);
            update.setNewObjectId(commitId);
            update.setForceUpdate(replaceInitial);
            update.setRefLogMessage("commit via hubguard by " + authorIdent.getName(), false);
            RefUpdate.Result result = update.update(walk);
            boolean moved = result == RefUpdate.Result.FAST_FORWARD || result == RefUpdate.Result.NEW
                    || replaceInitial && result == RefUpdate.Result.FORCED;
            if (!moved) {
                throw new ConflictException("The branch " + branch + " moved on while committing (" + result + "). Reload and try again.");
            }
            // In this commit's transaction: the answer never comes before the scan work is recorded.
            owedScans.record(new CommitsPushed(repo.id(), List.of(new CommitsPushed.RefChange(ref, head.name(), commitId.name()))));
            return commitId.name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pointers of the commit's lfsFile lines (null elsewhere): each must name an object uploaded to this repository. */
    private List<LfsPointer> lfsPointersOf(RepoContext repo, List<FileChange> changes) {
        List<LfsPointer> pointers = new ArrayList<>();
        for (FileChange change : changes) {
            if (change instanceof FileChange.PutLfs lfsFile) {
                long stored = lfs.sizeIn(repo.id(), lfsFile.oid()).orElseThrow(() -> new InvalidInputException("The LFS file " + lfsFile.path()
                        + " names an object this repository does not have (" + lfsFile.oid() + "): upload it through the LFS batch API first."));
                if (lfsFile.size() != null && lfsFile.size() != stored) {
                    throw new InvalidInputException("The LFS file " + lfsFile.path() + " says " + lfsFile.size()
                            + " bytes, but the uploaded object has " + stored + ".");
                }
                pointers.add(new LfsPointer(lfsFile.oid(), stored));
            } else {
                pointers.add(null);
            }
        }
        return pointers;
    }

    /** The blob for a file: its content, or, for what belongs in LFS, a pointer to it once it is in the LFS store. */
    private ObjectId insert(RepoContext repo, ObjectInserter inserter, FileChange.Put put, LfsAttributes attributes) throws IOException {
        FileContent content = put.content();
        if (!rules.belongsInLfs(put.path(), content.size(), attributes)) {
            try (InputStream in = content.open()) {
                return inserter.insert(Constants.OBJ_BLOB, content.size(), in);
            }
        }
        LfsPointer pointer = new LfsPointer(content.sha256(), content.size());
        if (content instanceof FileContent.TemporaryFile file) {
            lfsStore.adopt(file.file(), pointer.oid(), pointer.size());
        } else {
            try (InputStream in = content.open()) {
                lfsStore.put(pointer.oid(), pointer.size(), in);
            }
        }
        lfs.link(repo.id(), pointer.oid(), pointer.size());
        return inserter.insert(Constants.OBJ_BLOB, pointer.text());
    }

    /** hubguard as the committer, now (an identity made once would carry a stale date). */
    private static PersonIdent hubguard() {
        return new PersonIdent(HubguardSigner.NAME, HubguardSigner.EMAIL);
    }

    private static void putFile(DirCacheEditor editor, String path, ObjectId blob) {
        editor.add(new DirCacheEditor.PathEdit(path) {
            @Override
            public void apply(DirCacheEntry entry) {
                entry.setFileMode(FileMode.REGULAR_FILE);
                entry.setObjectId(blob);
            }
        });
    }
}
