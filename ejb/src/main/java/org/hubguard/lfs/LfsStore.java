package org.hubguard.lfs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where LFS objects live, by SHA-256: written once, never changed, read many times. Objects are streamed in
 * and out, never held in memory. This is the seam for other storage: {@link DiskLfsStore} keeps them on the
 * data disk; an S3-compatible store would implement the same four operations (put with a checked hash →
 * multipart upload then copy; open at an offset → ranged GET; size → HEAD; adopt → upload of a local file).
 */
public interface LfsStore {

    /** The stored object's size, or -1 when there is none. */
    long size(String oid) throws IOException;

    /** The object's bytes from {@code offset} on. */
    InputStream open(String oid, long offset) throws IOException;

    /**
     * Streams {@code content} in, checking that it has exactly {@code size} bytes with SHA-256 {@code oid};
     * only then does the object become visible. A wrong hash or size leaves nothing behind.
     *
     * @throws LfsContentException when the bytes are not the object they claim to be
     */
    void put(String oid, long size, InputStream content) throws IOException;

    /**
     * Takes over a temporary file whose size and SHA-256 the caller has already computed while writing it
     * (the commit API decodes uploads into one). The file is gone afterwards, moved or deleted.
     */
    void adopt(Path file, String oid, long size) throws IOException;

    /**
     * The object as a file on this machine, when the store keeps it so: the model scanner reads it in place
     * instead of copying it (a store elsewhere answers empty, and the object is streamed).
     */
    default Optional<Path> localFile(String oid) {
        return Optional.empty();
    }

    /** A new temporary file on the store's own disk, for {@link #adopt}. */
    Path newTemporaryFile() throws IOException;
}
