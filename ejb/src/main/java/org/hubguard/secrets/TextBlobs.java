package org.hubguard.secrets;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * How a file's bytes are read for secrets. Text as git tells it (no NUL byte in the first 8,000 bytes) up to
 * {@link #MAX_SIZE} is read by every rule; so is UTF-16 text (a byte order mark, or NULs in every other byte),
 * decoded first. Every other file (binary, larger, NULs further on) is still swept for hubguard tokens
 * ({@link TokenSweep}): nothing may carry a live one in.
 */
public final class TextBlobs {

    /** Larger files are data, not configuration or code where credentials are pasted: only swept for tokens. */
    public static final long MAX_SIZE = 10L * 1024 * 1024;
    private static final int SNIFF_LENGTH = 8000;

    private TextBlobs() {
    }

    public static boolean isTextSized(long size) {
        return size <= MAX_SIZE;
    }

    public static boolean isText(byte[] content, int length) {
        int end = Math.min(length, SNIFF_LENGTH);
        for (int i = 0; i < end; i++) {
            if (content[i] == 0) {
                return false;
            }
        }
        return true;
    }

    static boolean hasNul(byte[] content, int length) {
        for (int i = 0; i < length; i++) {
            if (content[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * UTF-16LE or UTF-16BE when the content says so (a byte order mark, or at least 90% of the first 8,000 bytes'
     * pairs are an ASCII character and a NUL in the same order), else null.
     */
    static Charset utf16(byte[] content, int length) {
        if (length >= 2 && (content[0] & 0xff) == 0xff && (content[1] & 0xff) == 0xfe) {
            return StandardCharsets.UTF_16LE;
        }
        if (length >= 2 && (content[0] & 0xff) == 0xfe && (content[1] & 0xff) == 0xff) {
            return StandardCharsets.UTF_16BE;
        }
        int pairs = Math.min(length, SNIFF_LENGTH) / 2;
        int littleEndian = 0;
        int bigEndian = 0;
        for (int i = 0; i < pairs; i++) {
            byte first = content[2 * i];
            byte second = content[2 * i + 1];
            if (first != 0 && second == 0) {
                littleEndian++;
            } else if (first == 0 && second != 0) {
                bigEndian++;
            }
        }
        if (pairs > 0 && littleEndian * 10 >= pairs * 9) {
            return StandardCharsets.UTF_16LE;
        }
        return pairs > 0 && bigEndian * 10 >= pairs * 9 ? StandardCharsets.UTF_16BE : null;
    }
}
