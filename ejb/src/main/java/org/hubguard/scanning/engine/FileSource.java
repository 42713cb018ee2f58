package org.hubguard.scanning.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A file on disk, read with positional reads (thread-safe, no shared file pointer). */
final class FileSource implements RandomAccessSource {

    private final FileChannel channel;

    FileSource(Path file) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
    }

    @Override
    public long size() throws IOException {
        return channel.size();
    }

    @Override
    public int read(long position, byte[] buffer, int offset, int length) throws IOException {
        return channel.read(ByteBuffer.wrap(buffer, offset, length), position);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
