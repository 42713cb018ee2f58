package org.hubguard.scanning.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Recognizes formats by content, never by name: every format the data parses as is reported (a file can be a
 * zip and a pickle at once, and loaders choose differently). Pickles have no magic number and are recognized by
 * walking them ({@link PickleStreams}); {@link #mayBePickle} only rules out data whose first byte no pickle has.
 */
final class Sniffer {

    enum Format { ZIP, TAR, GZIP, BZIP2, XZ, LZMA, ZLIB, LZ4, JOBLIB_ZF, NPY, SAFETENSORS }

    /** What a file's name says it is: a claim the content must live up to. */
    enum Claim { NONE, PICKLE, ZIP, NPY, SAFETENSORS, COMPRESSED }

    static final int HEAD = 64;
    private static final long SAFETENSORS_MAX_HEADER = 100_000_000;

    private Sniffer() {
    }

    static Set<Format> detect(RandomAccessSource source) throws IOException {
        long size = source.size();
        byte[] h = ZipArchive.read(source, 0, (int) Math.min(size, HEAD));
        Set<Format> formats = EnumSet.noneOf(Format.class);
        if (starts(h, 0x50, 0x4b, 0x03, 0x04) || starts(h, 0x50, 0x4b, 0x05, 0x06) || ZipArchive.findEnd(source) >= 0) {
            formats.add(Format.ZIP);
        }
        if (starts(h, 0x1f, 0x8b, 0x08)) {
            formats.add(Format.GZIP);
        }
        if (h.length >= 4 && starts(h, 'B', 'Z', 'h') && h[3] >= '1' && h[3] <= '9') {
            formats.add(Format.BZIP2);
        }
        if (starts(h, 0xfd, '7', 'z', 'X', 'Z', 0x00)) {
            formats.add(Format.XZ);
        }
        if (starts(h, 0x5d, 0x00, 0x00)) {
            formats.add(Format.LZMA); // joblib's and lzma's default properties byte, then a dictionary size
        }
        if (h.length >= 2 && (h[0] & 0xff) == 0x78 && ((h[0] & 0xff) * 256 + (h[1] & 0xff)) % 31 == 0) {
            formats.add(Format.ZLIB); // joblib's default compression (compress=True/3)
        }
        if (starts(h, 0x04, 0x22, 0x4d, 0x18)) {
            formats.add(Format.LZ4);
        }
        if (starts(h, 'Z', 'F') && h.length > 3 && (h[2] == '0' || h[2] == ' ')) {
            formats.add(Format.JOBLIB_ZF);
        }
        if (starts(h, 0x93, 'N', 'U', 'M', 'P', 'Y')) {
            formats.add(Format.NPY);
        }
        if (isSafetensors(source, h)) {
            formats.add(Format.SAFETENSORS);
        }
        if (TarArchive.isTar(source)) {
            formats.add(Format.TAR);
        }
        return formats;
    }

    /** Whether the data starts with a zip record (what torch requires; Python's zipfile looks at the end instead). */
    static boolean startsLikeZip(RandomAccessSource source) throws IOException {
        byte[] h = ZipArchive.read(source, 0, (int) Math.min(source.size(), 4));
        return starts(h, 0x50, 0x4b, 0x03, 0x04) || starts(h, 0x50, 0x4b, 0x05, 0x06);
    }

    /** Whether the first byte is an opcode (a protocol 2+ pickle starts with PROTO; older ones with any opcode). */
    static boolean mayBePickle(RandomAccessSource source) throws IOException {
        if (source.size() == 0) {
            return false;
        }
        int b = ZipArchive.read(source, 0, 1)[0] & 0xff;
        return b >= 0x80 && b <= 0x98 || "(.012FIJKLMNPQRSTUVXabcdeghijlopqrstu}])GCB".indexOf(b) >= 0;
    }

    private static boolean isSafetensors(RandomAccessSource source, byte[] h) throws IOException {
        if (h.length < 10) {
            return false;
        }
        long n = ZipArchive.le64(h, 0);
        if (n < 2 || n > SAFETENSORS_MAX_HEADER || n > source.size() - 8) {
            return false;
        }
        for (int i = 8; i < h.length && i < 8 + n; i++) {
            if (h[i] == '{') {
                return true;
            }
            if (h[i] != ' ' && h[i] != '\n' && h[i] != '\r' && h[i] != '\t') {
                return false;
            }
        }
        return false;
    }

    static Claim claim(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (endsWith(lower, ".pkl", ".pickle", ".joblib", ".pt", ".pth", ".ckpt")) {
            return Claim.PICKLE;
        }
        if (endsWith(lower, ".zip", ".npz")) {
            return Claim.ZIP;
        }
        if (lower.endsWith(".npy")) {
            return Claim.NPY;
        }
        if (lower.endsWith(".safetensors")) {
            return Claim.SAFETENSORS;
        }
        if (endsWith(lower, ".gz", ".bz2", ".xz", ".lzma", ".z", ".lz4", ".tgz")) {
            return Claim.COMPRESSED;
        }
        return Claim.NONE;
    }

    /** The name of what a compressed file holds ({@code model.pkl.gz} holds {@code model.pkl}). */
    static String inner(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String ext : new String[] {".gz", ".bz2", ".xz", ".lzma", ".z", ".lz4"}) {
            if (lower.endsWith(ext)) {
                return name.substring(0, name.length() - ext.length());
            }
        }
        return lower.endsWith(".tgz") ? name.substring(0, name.length() - 4) + ".tar" : name;
    }

    private static boolean endsWith(String name, String... suffixes) {
        for (String s : suffixes) {
            if (name.endsWith(s)) {
                return true;
            }
        }
        return false;
    }

    private static boolean starts(byte[] h, int... prefix) {
        if (h.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((h[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
