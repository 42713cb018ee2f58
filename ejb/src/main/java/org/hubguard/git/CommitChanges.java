package org.hubguard.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * One commit as its page shows it: the commit, its parents, and what it changed against its first parent
 * (everything, for a first commit), each file with git's unified diff. Bounded so that a huge commit cannot
 * fill the server's memory: at most {@link #MAX_FILES} files get a diff, files over
 * {@link #MAX_DIFFED_BYTES} count as binary, and a diff is cut at {@link #MAX_PATCH_CHARS}.
 */
@ApplicationScoped
public class CommitChanges {

    static final int MAX_FILES = 300;
    static final int MAX_DIFFED_BYTES = 512 * 1024;
    static final int MAX_PATCH_CHARS = 200_000;

    @Inject
    GitStorage storage;

    /** A changed file: {@code change} is git's ADD, MODIFY, DELETE, RENAME or COPY; {@code patch} null when binary or not diffed. */
    public record FileChangeDiff(String change, String oldPath, String newPath, String patch, boolean binary, boolean cut) {

        public String path() {
            return change.equals("DELETE") ? oldPath : newPath;
        }
    }

    public record Changes(CommitInfo commit, List<String> parents, List<FileChangeDiff> files, int fileCount) {
    }

    /** The commit and its changes, or empty when {@code commit} is not a commit of this repository. */
    public Optional<Changes> of(long repositoryId, ObjectId commit) {
        try (Repository repo = storage.open(repositoryId); RevWalk walk = new RevWalk(repo);
             DiffFormatter diffs = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            RevCommit c = walk.parseCommit(commit);
            diffs.setRepository(repo);
            diffs.setDetectRenames(true);
            diffs.setBinaryFileThreshold(MAX_DIFFED_BYTES);
            AbstractTreeIterator before = c.getParentCount() == 0 ? new EmptyTreeIterator() : treeOf(repo, walk, c.getParent(0));
            List<DiffEntry> entries = diffs.scan(before, treeOf(repo, walk, c));
            List<FileChangeDiff> files = new ArrayList<>();
            for (DiffEntry entry : entries.subList(0, Math.min(entries.size(), MAX_FILES))) {
                files.add(diff(repo, entry));
            }
            List<String> parents = new ArrayList<>();
            for (RevCommit parent : c.getParents()) {
                parents.add(parent.name());
            }
            CommitInfo info = new CommitInfo(c.name(), c.getShortMessage(), c.getFullMessage(),
                    List.of(c.getAuthorIdent().getName()), c.getAuthorIdent().getWhenAsInstant(),
                    c.getCommitterIdent().getEmailAddress(), c.getRawBuffer().clone());
            return Optional.of(new Changes(info, parents, files, entries.size()));
        } catch (MissingObjectException | org.eclipse.jgit.errors.IncorrectObjectTypeException notACommit) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AbstractTreeIterator treeOf(Repository repo, RevWalk walk, RevCommit commit) throws IOException {
        CanonicalTreeParser tree = new CanonicalTreeParser();
        try (var reader = repo.newObjectReader()) {
            tree.reset(reader, walk.parseCommit(commit).getTree());
        }
        return tree;
    }

    private static FileChangeDiff diff(Repository repo, DiffEntry entry) throws IOException {
        ByteArrayOutputStream patch = new ByteArrayOutputStream();
        try (DiffFormatter one = new DiffFormatter(patch)) {
            one.setRepository(repo);
            one.setBinaryFileThreshold(MAX_DIFFED_BYTES);
            one.format(entry);
        }
        String text = patch.toString(StandardCharsets.UTF_8);
        boolean binary = text.contains("\nBinary files ") || text.startsWith("Binary files ");
        String body = binary ? null : hunks(text);
        boolean cut = body != null && body.length() > MAX_PATCH_CHARS;
        return new FileChangeDiff(entry.getChangeType().name(), entry.getOldPath(), entry.getNewPath(),
                cut ? body.substring(0, MAX_PATCH_CHARS) : body, binary, cut);
    }

    /** The diff from its first hunk on: the "diff --git", index and ---/+++ lines repeat what the page shows. */
    private static String hunks(String patch) {
        int first = patch.startsWith("@@") ? 0 : patch.indexOf("\n@@");
        return first < 0 ? "" : patch.substring(first == 0 ? 0 : first + 1);
    }
}
