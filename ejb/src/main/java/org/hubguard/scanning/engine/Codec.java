package org.hubguard.scanning.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;
import org.tukaani.xz.ArrayCache;
import org.tukaani.xz.BasicArrayCache;
import org.tukaani.xz.LZMAInputStream;
import org.tukaani.xz.XZInputStream;

/** The compressions the loaders unwrap: Python's gzip/bz2/lzma modules, joblib's compressors, zip entry methods. */
enum Codec {
    GZIP("gzip"), ZLIB("zlib"), DEFLATE("deflate"), BZIP2("bz2"), XZ("xz"), LZMA("lzma"), LZ4("lz4"), ZIP_LZMA("zip lzma");

    /** Dictionary memory an xz/lzma header may ask for, in KiB (a header asking for more is refused, not obeyed). */
    private static final int MEMORY_LIMIT_KIB = 256 * 1024;

    /**
     * xz/lzma dictionaries (8 MiB for a default xz file) reused across streams instead of allocated and zeroed for
     * each small file: most of the time a small compressed file took was spent there.
     */
    private static final ArrayCache DICTIONARIES = BasicArrayCache.getInstance();

    final String label;

    Codec(String label) {
        this.label = label;
    }

    InputStream open(InputStream in) throws IOException {
        return switch (this) {
            case GZIP -> new GZIPInputStream(in, 65536);
            case ZLIB -> inflating(in, false);
            case DEFLATE -> inflating(in, true);
            case BZIP2 -> new BZip2CompressorInputStream(in, true);
            case XZ -> new XZInputStream(in, MEMORY_LIMIT_KIB, DICTIONARIES);
            case LZMA -> new LZMAInputStream(in, MEMORY_LIMIT_KIB, DICTIONARIES);
            case LZ4 -> new FramedLZ4CompressorInputStream(in, true);
            case ZIP_LZMA -> zipLzma(in);
        };
    }

    /** An inflating stream whose own Inflater's native memory is freed when the stream closes, not at the next GC. */
    private static InputStream inflating(InputStream in, boolean raw) {
        Inflater inflater = new Inflater(raw);
        return new InflaterInputStream(in, inflater, 65536) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    inflater.end();
                }
            }
        };
    }

    /** Zip method 14: a version, the properties' size, the LZMA properties, then raw LZMA data ending in a marker. */
    private static InputStream zipLzma(InputStream in) throws IOException {
        byte[] header = in.readNBytes(4);
        if (header.length < 4) {
            throw new IOException("truncated zip LZMA header");
        }
        int propsSize = (header[2] & 0xff) | (header[3] & 0xff) << 8;
        byte[] props = in.readNBytes(propsSize);
        if (propsSize != 5 || props.length != 5) {
            throw new IOException("zip LZMA properties of " + propsSize + " bytes");
        }
        int dictSize = (props[1] & 0xff) | (props[2] & 0xff) << 8 | (props[3] & 0xff) << 16 | (props[4] & 0xff) << 24;
        if (dictSize < 0 || LZMAInputStream.getMemoryUsage(dictSize, props[0]) > MEMORY_LIMIT_KIB) {
            throw new IOException("zip LZMA dictionary too large");
        }
        return new LZMAInputStream(in, -1, props[0], dictSize, null, DICTIONARIES);
    }
}
