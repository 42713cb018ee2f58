package org.hubguard.scanning.engine;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The bytes of one file, read at any offset: a checkpoint of several gigabytes is judged by reading its zip
 * central directory and its pickles only, never by streaming it from the start.
 */
public interface RandomAccessSource extends Closeable {

    long size() throws IOException;

    /** Reads up to {@code length} bytes at {@code position}; returns how many were read, or -1 at the end. */
    int read(long position, byte[] buffer, int offset, int length) throws IOException;

    static RandomAccessSource of(byte[] bytes) {
        return new ByteArraySource(bytes);
    }

    /** Opens the file for reading; close the source to close the file. */
    static RandomAccessSource of(Path file) throws IOException {
        return new FileSource(file);
    }

    /**
     * A stream's bytes: read into memory when {@code size} (known, or -1) is at most {@code inMemoryLimit}, else copied
     * to a temporary file in {@code tempDir} (null: the JVM's) that closing the source deletes.
     */
    static RandomAccessSource spool(java.io.InputStream in, long size, long inMemoryLimit, Path tempDir) throws IOException {
        return SpooledSource.spool(in, size, inMemoryLimit, tempDir);
    }

    /** The bytes {@code [offset, offset + length)} of this source (not closed with the slice). */
    default RandomAccessSource slice(long offset, long length) throws IOException {
        return new SliceSource(this, offset, length);
    }

    @Override
    default void close() throws IOException {
    }
}
