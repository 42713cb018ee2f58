package org.hubguard.scanning.engine;

import java.io.IOException;

/** A window into another source: a stored zip entry, the payload after a header. */
final class SliceSource implements RandomAccessSource {

    private final RandomAccessSource parent;
    private final long offset;
    private final long length;

    SliceSource(RandomAccessSource parent, long offset, long length) throws IOException {
        if (offset < 0 || length < 0 || offset > parent.size() || length > parent.size() - offset) {
            throw new IOException("slice [" + offset + ", +" + length + ") outside a source of " + parent.size() + " bytes");
        }
        this.parent = parent;
        this.offset = offset;
        this.length = length;
    }

    @Override
    public long size() {
        return length;
    }

    @Override
    public int read(long position, byte[] buffer, int off, int len) throws IOException {
        if (position >= length) {
            return -1;
        }
        return parent.read(offset + position, buffer, off, (int) Math.min(len, length - position));
    }
}
