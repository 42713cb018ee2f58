package org.hubguard.scanning.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Reads a source front to back through a small buffer, as an unpickler reads its file: single bytes, runs of
 * bytes, skips (without reading what is skipped) and newline-terminated lines.
 */
final class ByteCursor {

    /** A line as Python's readline returns it, minus the newline; {@code complete} false when the data ended first. */
    record Line(byte[] kept, long length, boolean complete, boolean keptAll) {
    }

    private final RandomAccessSource source;
    private final long end;
    private final byte[] buffer = new byte[8192];
    private long bufferStart;
    private int bufferLength;
    private long position;

    ByteCursor(RandomAccessSource source, long start) throws IOException {
        this.source = source;
        this.end = source.size();
        this.position = start;
    }

    long position() {
        return position;
    }

    void seek(long newPosition) {
        position = newPosition;
    }

    long size() {
        return end;
    }

    long remaining() {
        return Math.max(0, end - position);
    }

    boolean atEnd() {
        return position >= end;
    }

    /** The next byte, or -1 at the end. */
    int read() throws IOException {
        if (position >= end) {
            return -1;
        }
        if (position < bufferStart || position >= bufferStart + bufferLength) {
            fill();
        }
        return buffer[(int) (position++ - bufferStart)] & 0xff;
    }

    byte[] readExactly(int n, String what) throws IOException, Malformed {
        if (n > remaining()) {
            throw new Malformed("truncated: " + what + " needs " + n + " bytes at byte " + position + ", " + remaining() + " left");
        }
        byte[] bytes = new byte[n];
        int done = 0;
        while (done < n) {
            if (position < bufferStart || position >= bufferStart + bufferLength) {
                fill();
            }
            int chunk = (int) Math.min(n - done, bufferStart + bufferLength - position);
            System.arraycopy(buffer, (int) (position - bufferStart), bytes, done, chunk);
            done += chunk;
            position += chunk;
        }
        return bytes;
    }

    /** An unsigned little-endian number of {@code size} bytes (size at most 8; 8 bytes may come out negative). */
    long readLittleEndian(int size, String what) throws IOException, Malformed {
        byte[] bytes = readExactly(size, what);
        long value = 0;
        for (int i = size - 1; i >= 0; i--) {
            value = (value << 8) | (bytes[i] & 0xff);
        }
        return value;
    }

    void skip(long n, String what) throws Malformed {
        if (n < 0 || n > remaining()) {
            throw new Malformed("truncated: " + what + " of " + Long.toUnsignedString(n) + " bytes at byte " + position
                    + " goes past the end (" + remaining() + " left)");
        }
        position += n;
    }

    /**
     * Reads through the next newline, keeping at most {@code keep} bytes. At the end of the data without a newline
     * the line is incomplete: Python's pure unpickler then drops its last byte, the C one fails.
     */
    Line readLine(int keep) throws IOException {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        long length = 0;
        while (true) {
            int b = read();
            if (b < 0) {
                return new Line(kept.toByteArray(), length, false, length <= keep);
            }
            if (b == '\n') {
                return new Line(kept.toByteArray(), length, true, length <= keep);
            }
            if (length < keep) {
                kept.write(b);
            }
            length++;
        }
    }

    private void fill() throws IOException {
        bufferStart = position;
        bufferLength = 0;
        while (bufferLength == 0) {
            int n = source.read(position, buffer, 0, (int) Math.min(buffer.length, end - position));
            if (n < 0) {
                throw new IOException("the source ended at byte " + position + " before its stated size " + end);
            }
            bufferLength = n;
        }
    }
}
