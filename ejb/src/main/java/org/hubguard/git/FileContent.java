package org.hubguard.git;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The content of a file being committed: small ones in memory (the page editor), uploads in a temporary
 * file on the LFS store's disk with their SHA-256 computed while they were written (the commit API), so that
 * a large file is never held in memory and moves into the LFS store without a copy.
 */
public sealed interface FileContent {

    long size();

    InputStream open() throws IOException;

    /** The SHA-256 of the content, lower-case hex: an LFS object's id. */
    String sha256() throws IOException;

    static FileContent of(byte[] bytes) {
        return new Bytes(bytes);
    }

    record Bytes(byte[] bytes) implements FileContent {

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public String sha256() {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A temporary file the caller deletes when the commit is done (the LFS store may have taken it already). */
    record TemporaryFile(Path file, long size, String sha256) implements FileContent {

        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(file);
        }
    }
}
