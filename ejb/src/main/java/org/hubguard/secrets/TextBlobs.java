package org.hubguard.secrets;

/**
 * Which files are scanned for secrets: text, as git itself tells text from binary (no NUL byte in the first
 * 8,000 bytes), and no larger than {@link #MAX_SIZE}. Weights and archives are neither: they are left to the
 * malware scanners.
 */
public final class TextBlobs {

    /** Larger files are data, not configuration or code where credentials are pasted. */
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
}
