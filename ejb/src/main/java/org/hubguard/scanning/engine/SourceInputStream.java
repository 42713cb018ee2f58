package org.hubguard.scanning.engine;

import java.io.IOException;
import java.io.InputStream;

/** A range of a source as a stream, for decompressors. */
final class SourceInputStream extends InputStream {

    private final RandomAccessSource source;
    private final long end;
    private long position;

    SourceInputStream(RandomAccessSource source, long offset, long length) {
        this.source = source;
        this.position = offset;
        this.end = offset + length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position >= end) {
            return -1;
        }
        int n = source.read(position, buffer, offset, (int) Math.min(length, end - position));
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public long skip(long n) {
        long skipped = Math.max(0, Math.min(n, end - position));
        position += skipped;
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, end - position);
    }
}
