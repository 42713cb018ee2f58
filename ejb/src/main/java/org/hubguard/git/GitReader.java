package org.hubguard.git;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.hubguard.lfs.LfsPointer;

/** Reads revisions, trees, files and history from the bare repositories; never holds a whole file in memory. */
@ApplicationScoped
public class GitReader {

    @Inject
    GitStorage storage;

    /** Listings by commit, directory and depth; at most this many entries in all (a few tens of MB). */
    private final CommitCache<TreeKey, List<TreeEntry>> listings = new CommitCache<>(300_000, List::size);
    /** The history of a commit in walk order, as packed 20-byte ids; at most this many ids in all (20 MB). */
    private final CommitCache<TreeKey, byte[]> histories = new CommitCache<>(1_000_000, ids -> ids.length / Constants.OBJECT_ID_LENGTH);

    private record TreeKey(long repositoryId, ObjectId commit, String path, boolean recursive) {
    }

    /** The commit a revision (branch, tag or commit id) names, if any. */
    public Optional<ObjectId> resolve(long repositoryId, String revision) {
        try (Repository repo = storage.open(repositoryId)) {
            Optional<ObjectId> named = namedCommit(repo, revision);
            if (named != null) {
                return named;
            }
            ObjectId commit = repo.resolve(revision + "^{commit}");
            if (commit == null || !(repo.exactRef(revision) != null || repo.findRef(revision) != null || reachable(repositoryId, repo, commit))) {
                return Optional.empty();
            }
            return Optional.of(commit);
        } catch (RevisionSyntaxException | AmbiguousObjectException | MissingObjectException | IncorrectObjectTypeException e) {
            return Optional.empty(); // not a revision of this repository (a blob's or a tree's id, another repository's commit)
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The commit of a plain branch or tag name, found as {@code git rev-parse} finds it (the ref itself, then
     * refs/, tags, branches, remotes) with one look at the refs; null when the revision is not such a name (an
     * id, an expression, no such ref): {@link #resolve} then asks JGit's full parser. Every download names its
     * revision, usually "main", so this is the common path.
     */
    private static Optional<ObjectId> namedCommit(Repository repo, String revision) throws IOException {
        if (ObjectId.isId(revision) || !Repository.isValidRefName("refs/heads/" + revision) || revision.contains("@")) {
            return null;
        }
        Ref ref = repo.getRefDatabase().findRef(revision);
        if (ref == null || ref.getObjectId() == null) {
            return null;
        }
        try (RevWalk walk = new RevWalk(repo)) {
            return Optional.of(walk.parseCommit(ref.getObjectId()).copy()); // an annotated tag is peeled to its commit
        } catch (IncorrectObjectTypeException notACommit) {
            return Optional.empty(); // a tag of a tree or a blob: no revision, as "^{commit}" says
        }
    }

    /**
     * Whether a branch or tag reaches the commit. A refused push leaves its objects in the object database (JGit
     * writes the pack before the pre-receive step judges it), so a commit id alone must never open them: what
     * push protection or the content rules refused stays unreadable.
     */
    private boolean reachable(long repositoryId, Repository repo, ObjectId commit) throws IOException {
        List<ObjectId> tips = new ArrayList<>();
        for (Ref ref : repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS, Constants.R_TAGS)) {
            ObjectId tip = repo.getRefDatabase().peel(ref).getPeeledObjectId();
            tip = tip != null ? tip : ref.getObjectId();
            if (commit.equals(tip)) {
                return true;
            }
            tips.add(tip);
        }
        byte[] raw = new byte[Constants.OBJECT_ID_LENGTH];
        commit.copyRawTo(raw, 0);
        for (ObjectId tip : tips) {
            if (repo.getObjectDatabase().open(tip).getType() == Constants.OBJ_COMMIT && contains(history(repositoryId, tip), raw)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(byte[] packedIds, byte[] id) {
        for (int at = 0; at < packedIds.length; at += Constants.OBJECT_ID_LENGTH) {
            if (java.util.Arrays.equals(packedIds, at, at + id.length, id, 0, id.length)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The entries under {@code path} ("" for the root) at {@code commit}: directly under it, or every file
     * below it when {@code recursive}. Empty when the path is not a directory.
     */
    public Optional<List<TreeEntry>> tree(long repositoryId, ObjectId commit, String path, boolean recursive) {
        List<TreeEntry> listing = listings.get(new TreeKey(repositoryId, commit.copy(), path, recursive),
                () -> readTree(repositoryId, commit, path, recursive).orElse(NOT_A_DIRECTORY));
        return listing == NOT_A_DIRECTORY ? Optional.empty() : Optional.of(listing);
    }

    /** Cached for a path that is not a directory (compared by identity). */
    private static final List<TreeEntry> NOT_A_DIRECTORY = java.util.Collections.unmodifiableList(new ArrayList<>());

    private Optional<List<TreeEntry>> readTree(long repositoryId, ObjectId commit, String path, boolean recursive) {
        try (Repository repo = storage.open(repositoryId); RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader()) {
            RevCommit revCommit = walk.parseCommit(commit);
            TreeWalk tree;
            if (path.isEmpty()) {
                tree = new TreeWalk(repo, reader);
                tree.addTree(revCommit.getTree());
            } else {
                TreeWalk dir = TreeWalk.forPath(repo, reader, path, revCommit.getTree());
                if (dir == null || dir.getFileMode(0) != FileMode.TREE) {
                    return Optional.empty();
                }
                tree = new TreeWalk(repo, reader);
                tree.addTree(dir.getObjectId(0));
            }
            // Like the Hub, a recursive listing reports each directory too, before its contents.
            tree.setRecursive(false);
            List<TreeEntry> entries = new ArrayList<>();
            String prefix = path.isEmpty() ? "" : path + "/";
            while (tree.next()) {
                if (tree.getFileMode(0) == FileMode.GITLINK) {
                    continue; // a submodule points into another repository: nothing here to list or download
                }
                boolean directory = tree.isSubtree();
                ObjectId id = tree.getObjectId(0);
                String entryPath = prefix + tree.getPathString();
                entries.add(directory ? new TreeEntry("directory", entryPath, id.name(), 0) : fileEntry(reader, entryPath, id));
                if (directory && recursive) {
                    tree.enterSubtree();
                }
            }
            tree.close();
            return Optional.of(List.copyOf(entries));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file or directory at {@code path} of {@code commit}, if there is one (submodules are not entries). */
    public Optional<TreeEntry> entry(long repositoryId, ObjectId commit, String path) {
        try (Repository repo = storage.open(repositoryId); RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader()) {
            TreeWalk found = TreeWalk.forPath(repo, reader, path, walk.parseCommit(commit).getTree());
            if (found == null) {
                return Optional.empty();
            }
            if (found.getFileMode(0) == FileMode.TREE) {
                return Optional.of(new TreeEntry("directory", path, found.getObjectId(0).name(), 0));
            }
            if ((found.getFileMode(0).getBits() & FileMode.TYPE_MASK) != FileMode.TYPE_FILE) {
                return Optional.empty();
            }
            return Optional.of(fileEntry(reader, path, found.getObjectId(0)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file at {@code path} of {@code commit}, if it is a file. */
    public Optional<TreeEntry> file(long repositoryId, ObjectId commit, String path) {
        try (Repository repo = storage.open(repositoryId); RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader()) {
            Optional<TreeItem> item = isPlainPath(path) ? find(repositoryId, reader, commit, path) : null;
            if (item != null) { // every download: the trees on the way come from memory
                return item.isPresent() && item.get().isFile() ? Optional.of(fileEntry(reader, path, item.get().id())) : Optional.empty();
            }
            TreeWalk found = TreeWalk.forPath(repo, reader, path, walk.parseCommit(commit).getTree());
            if (found == null || (found.getFileMode(0).getBits() & FileMode.TYPE_MASK) != FileMode.TYPE_FILE) {
                return Optional.empty();
            }
            return Optional.of(fileEntry(reader, path, found.getObjectId(0)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One entry of a tree object: its mode bits and id. */
    private record TreeItem(int mode, ObjectId id) {
        boolean isFile() {
            return (mode & FileMode.TYPE_MASK) == FileMode.TYPE_FILE;
        }
    }

    private record TreeObject(long repositoryId, ObjectId tree) {
    }

    /** Trees larger than this (about 25,000 entries) are not kept (TreeWalk scans them): each would push out many others. */
    private static final long LARGEST_KEPT_TREE = 1 << 20;
    /** Trees by id, as name -> entry (a tree's id names its content, so an entry never goes stale); 200,000 entries in all (~30 MB). */
    private final CommitCache<TreeObject, Map<String, TreeItem>> treeObjects = new CommitCache<>(200_000, Map::size);
    /** The root tree of each commit asked for. */
    private final CommitCache<TreeObject, ObjectId> rootTrees = new CommitCache<>(100_000, tree -> 1);

    /** "a/b/c": no empty, "." or ".." segment; other paths go through JGit's TreeWalk as before. */
    private static boolean isPlainPath(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.contains("//")) {
            return false;
        }
        for (String segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /**
     * The entry at a plain path, walking down from the commit's root tree through the cached trees; null when a
     * tree on the way is too large to keep (the caller then asks JGit's TreeWalk, which scans it without copying).
     */
    private Optional<TreeItem> find(long repositoryId, ObjectReader reader, ObjectId commit, String path) throws IOException {
        ObjectId tree = rootTrees.get(new TreeObject(repositoryId, commit.copy()), () -> {
            try (RevWalk walk = new RevWalk(reader)) {
                return walk.parseCommit(commit).getTree().copy();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String[] segments = path.split("/");
        for (int i = 0; ; i++) {
            if (reader.getObjectSize(tree, Constants.OBJ_TREE) > LARGEST_KEPT_TREE) {
                return null;
            }
            TreeItem item = treeItems(repositoryId, reader, tree).get(segments[i]);
            if (item == null || i == segments.length - 1) {
                return Optional.ofNullable(item);
            }
            if ((item.mode() & FileMode.TYPE_MASK) != FileMode.TYPE_TREE) {
                return Optional.empty();
            }
            tree = item.id();
        }
    }

    /**
     * A tree's entries by name. A name that is not UTF-8 is left out: no path (a Java string, sent as UTF-8) can
     * name it, as with TreeWalk, which compares UTF-8 bytes.
     */
    private Map<String, TreeItem> treeItems(long repositoryId, ObjectReader reader, ObjectId tree) {
        return treeObjects.get(new TreeObject(repositoryId, tree), () -> {
            Map<String, TreeItem> items = new java.util.HashMap<>();
            java.nio.charset.CharsetDecoder utf8 = java.nio.charset.StandardCharsets.UTF_8.newDecoder();
            try (TreeWalk walk = new TreeWalk(reader)) {
                walk.addTree(tree);
                while (walk.next()) {
                    try {
                        String name = utf8.decode(java.nio.ByteBuffer.wrap(walk.getRawPath())).toString();
                        items.put(name, new TreeItem(walk.getRawMode(0), walk.getObjectId(0)));
                    } catch (java.nio.charset.CharacterCodingException notUtf8) {
                        // unreachable by any path
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return items;
        });
    }

    /** A file, with its LFS pointer when the blob is one (pointers are tiny: only those are read). */
    private static TreeEntry fileEntry(ObjectReader reader, String path, ObjectId id) throws IOException {
        long size = reader.getObjectSize(id, Constants.OBJ_BLOB);
        LfsPointer pointer = size <= LfsPointer.MAX_SIZE
                ? LfsPointer.parse(reader.open(id, Constants.OBJ_BLOB).getCachedBytes()).orElse(null) : null;
        return new TreeEntry("file", path, id.name(), size, pointer);
    }

    /**
     * Every file of every commit reachable from {@code newId} but not from {@code oldId} (zero: from nothing),
     * each content once (with the first path seen): what a push or commit brings in, for scanning.
     */
    public List<TreeEntry> filesOfNewCommits(long repositoryId, ObjectId oldId, ObjectId newId) {
        try (Repository repo = storage.open(repositoryId); RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader()) {
            if (!(walk.peel(walk.parseAny(newId)) instanceof RevCommit tip)) {
                return List.of(); // a tag of a tree or blob
            }
            walk.markStart(tip);
            if (!oldId.equals(ObjectId.zeroId()) && walk.peel(walk.parseAny(oldId)) instanceof RevCommit old) {
                walk.markUninteresting(old);
            }
            java.util.Map<ObjectId, String> blobs = new java.util.LinkedHashMap<>();
            for (RevCommit commit : walk) {
                try (TreeWalk tree = new TreeWalk(repo, reader)) {
                    tree.addTree(commit.getTree());
                    tree.setRecursive(true);
                    while (tree.next()) {
                        if ((tree.getFileMode(0).getBits() & FileMode.TYPE_MASK) == FileMode.TYPE_FILE) {
                            blobs.putIfAbsent(tree.getObjectId(0), tree.getPathString());
                        }
                    }
                }
            }
            List<TreeEntry> files = new ArrayList<>();
            for (var blob : blobs.entrySet()) {
                files.add(fileEntry(reader, blob.getValue(), blob.getKey()));
            }
            return files;
        } catch (org.eclipse.jgit.errors.MissingObjectException | org.eclipse.jgit.errors.RepositoryNotFoundException gone) {
            return List.of(); // the repository or the commit is gone: nothing left to scan
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The LFS rules of the revision's top-level .gitattributes. */
    public LfsAttributes lfsAttributes(long repositoryId, ObjectId commit) {
        return file(repositoryId, commit, ".gitattributes").filter(entry -> entry.size() < 1024 * 1024).map(entry -> {
            try (Repository repo = storage.open(repositoryId)) {
                return LfsAttributes.parse(repo.open(ObjectId.fromString(entry.oid()), Constants.OBJ_BLOB).getCachedBytes(1024 * 1024));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse(LfsAttributes.NONE);
    }

    /** Streams {@code length} bytes of a blob from {@code offset} to {@code out}. */
    public void copy(long repositoryId, String blobId, long offset, long length, OutputStream out) throws IOException {
        try (Repository repo = storage.open(repositoryId)) {
            ObjectLoader loader = repo.open(ObjectId.fromString(blobId), Constants.OBJ_BLOB);
            if (!loader.isLarge()) { // small: JGit holds it in memory already, so no stream and no buffer
                byte[] bytes = loader.getCachedBytes();
                int from = (int) Math.min(offset, bytes.length);
                out.write(bytes, from, (int) Math.min(length, bytes.length - from));
                return;
            }
            try (InputStream in = loader.openStream()) {
                in.skipNBytes(offset);
                byte[] buffer = new byte[64 * 1024];
                long left = length;
                while (left > 0) {
                    int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (read < 0) {
                        break;
                    }
                    out.write(buffer, 0, read);
                    left -= read;
                }
            }
        }
    }

    /**
     * Commits reachable from {@code commit}, newest first, skipping {@code skip}, at most {@code limit}. The order
     * is walked once per commit and kept, so a later page costs what the first one does.
     */
    public List<CommitInfo> commits(long repositoryId, ObjectId commit, int skip, int limit) {
        byte[] order = history(repositoryId, commit);
        int count = order.length / Constants.OBJECT_ID_LENGTH;
        try (Repository repo = storage.open(repositoryId); RevWalk walk = new RevWalk(repo)) {
            List<CommitInfo> commits = new ArrayList<>();
            for (int i = skip; i < count && commits.size() < limit; i++) {
                RevCommit c = walk.parseCommit(ObjectId.fromRaw(order, i * Constants.OBJECT_ID_LENGTH));
                commits.add(new CommitInfo(c.name(), c.getShortMessage(), c.getFullMessage(),
                        List.of(c.getAuthorIdent().getName()), c.getAuthorIdent().getWhenAsInstant(),
                        c.getCommitterIdent().getEmailAddress(), c.getRawBuffer().clone()));
            }
            return commits;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many commits {@code commit}'s history has (itself included). */
    public int countCommits(long repositoryId, ObjectId commit) {
        return history(repositoryId, commit).length / Constants.OBJECT_ID_LENGTH;
    }

    /** The ids of the commits reachable from {@code commit}, in RevWalk's order (newest first), packed. */
    private byte[] history(long repositoryId, ObjectId commit) {
        return histories.get(new TreeKey(repositoryId, commit.copy(), "", true), () -> {
            try (Repository repo = storage.open(repositoryId); RevWalk walk = new RevWalk(repo)) {
                walk.setRetainBody(false);
                walk.markStart(walk.parseCommit(commit));
                java.io.ByteArrayOutputStream ids = new java.io.ByteArrayOutputStream();
                byte[] raw = new byte[Constants.OBJECT_ID_LENGTH];
                for (RevCommit c : walk) {
                    c.copyRawTo(raw, 0);
                    ids.write(raw, 0, raw.length);
                }
                return ids.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The whole content of a blob no larger than {@code maxBytes}; empty when it is larger. */
    public Optional<byte[]> smallFile(long repositoryId, String blobId, int maxBytes) {
        try (Repository repo = storage.open(repositoryId)) {
            ObjectLoader loader = repo.open(ObjectId.fromString(blobId), Constants.OBJ_BLOB);
            return loader.getSize() > maxBytes ? Optional.empty() : Optional.of(loader.getCachedBytes(maxBytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** When the commit was made (its committer date): the Hub's lastModified of a revision. */
    public Instant commitTime(long repositoryId, ObjectId commit) {
        try (Repository repo = storage.open(repositoryId); RevWalk walk = new RevWalk(repo)) {
            return walk.parseCommit(commit).getCommitterIdent().getWhenAsInstant();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many commits are reachable from {@code commit}, itself included. */
    /**
     * For each path (file or directory), the newest commit reachable from {@code commit} that changed it: the
     * tree API's {@code lastCommit}. One history walk per path, so callers ask for one page of entries at a time.
     */
    public Map<String, CommitSummary> lastCommits(long repositoryId, ObjectId commit, List<String> paths) {
        Map<String, CommitSummary> result = new LinkedHashMap<>();
        try (Repository repo = storage.open(repositoryId)) {
            for (String path : paths) {
                try (RevWalk walk = new RevWalk(repo)) {
                    walk.markStart(walk.parseCommit(commit));
                    walk.setTreeFilter(AndTreeFilter.create(PathFilter.create(path), TreeFilter.ANY_DIFF));
                    RevCommit last = walk.next();
                    if (last != null) {
                        result.put(path, new CommitSummary(last.name(), last.getShortMessage(), last.getCommitterIdent().getWhenAsInstant()));
                    }
                }
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
