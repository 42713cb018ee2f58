package org.hubguard.scanning.engine;

/** A file held in memory (small files, decompressed entries). */
final class ByteArraySource implements RandomAccessSource {

    private final byte[] bytes;

    ByteArraySource(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public int read(long position, byte[] buffer, int offset, int length) {
        if (position >= bytes.length) {
            return -1;
        }
        int n = (int) Math.min(length, bytes.length - position);
        System.arraycopy(bytes, (int) position, buffer, offset, n);
        return n;
    }
}
