package org.hubguard.git;

import org.hubguard.lfs.LfsPointer;

/**
 * A file or directory of a revision, as the Hub's tree API lists it. {@code oid} and {@code size} are the git
 * blob's; for a file kept in Git LFS, {@code lfs} is the pointer the blob holds, naming the real content.
 */
public record TreeEntry(String type, String path, String oid, long size, LfsPointer lfs) {

    public TreeEntry(String type, String path, String oid, long size) {
        this(type, path, oid, size, null);
    }

    public boolean isFile() {
        return "file".equals(type);
    }

    public boolean isLfs() {
        return lfs != null;
    }

    /** The size of the file's content: the LFS object's for LFS files, else the blob's. */
    public long contentSize() {
        return lfs != null ? lfs.size() : size;
    }

    /** What identifies the content for scanning and caching: the LFS object's SHA-256, else the blob id. */
    public String contentId() {
        return lfs != null ? lfs.oid() : oid;
    }
}
