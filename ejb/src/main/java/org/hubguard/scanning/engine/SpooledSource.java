package org.hubguard.scanning.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A stream's bytes made readable at any offset: in memory when small, else in a temporary file deleted on close. */
final class SpooledSource implements RandomAccessSource {

    private final RandomAccessSource delegate;
    private final Path file;

    private SpooledSource(RandomAccessSource delegate, Path file) {
        this.delegate = delegate;
        this.file = file;
    }

    static RandomAccessSource spool(InputStream in, long size, long inMemoryLimit, Path tempDir) throws IOException {
        if (size >= 0 && size <= inMemoryLimit) {
            return RandomAccessSource.of(in.readNBytes((int) size));
        }
        Path file = tempDir == null ? Files.createTempFile("hubguard-spool", ".bin") : Files.createTempFile(tempDir, "hubguard-spool", ".bin");
        try {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return new SpooledSource(RandomAccessSource.of(file), file);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    @Override
    public long size() throws IOException {
        return delegate.size();
    }

    @Override
    public int read(long position, byte[] buffer, int offset, int length) throws IOException {
        return delegate.read(position, buffer, offset, length);
    }

    @Override
    public void close() throws IOException {
        try {
            delegate.close();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
