package org.hubguard.git;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.hubguard.access.InvalidInputException;
import org.hubguard.lfs.LfsStore;

/**
 * Where an uploaded file's bytes go while it arrives: a temporary file on the LFS store's disk, hashed as it
 * is written and cut off at a size limit, so a large file is never held in memory. Closing it deletes the file
 * unless the LFS store has taken it over.
 */
public final class TemporaryUpload extends OutputStream {

    private final Path file;
    private final OutputStream out;
    private final MessageDigest sha256;
    private final long limit;
    private final String path;
    private long size;

    private TemporaryUpload(Path file, long limit, String path) throws IOException {
        this.file = file;
        this.out = Files.newOutputStream(file);
        this.limit = limit;
        this.path = path;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new upload of the file at {@code path} (for messages), refused past {@code limit} bytes. */
    public static TemporaryUpload start(LfsStore store, long limit, String path) throws IOException {
        return new TemporaryUpload(store.newTemporaryFile(), limit, path);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        size += length;
        if (size > limit) {
            throw new InvalidInputException("file " + (path == null ? "" : path + " ") + "is larger than the limit of " + limit + " bytes");
        }
        sha256.update(bytes, offset, length);
        out.write(bytes, offset, length);
    }

    /** The written content, for a commit; the caller still closes this upload afterwards. */
    public FileContent.TemporaryFile finish() throws IOException {
        out.close();
        return new FileContent.TemporaryFile(file, size, HexFormat.of().formatHex(sha256.digest()));
    }

    @Override
    public void close() throws IOException {
        out.close();
        Files.deleteIfExists(file);
    }
}
