package org.hubguard.secrets;

import java.util.function.Consumer;

import org.hubguard.tokens.TokenFormat;

/**
 * Finds hubguard tokens in any bytes, fed a piece at a time, so a file of any size or encoding is read once
 * and never held whole: "hf_" and 34 base62 characters with a valid checksum, wherever they are. No word
 * boundary is needed (the checksum tells a token from chance, so "x=\nhf_..." or "token%3Dhf_..." count too).
 * With {@code skipNuls}, NUL bytes are left out first: UTF-16 (LE or BE) and UTF-32 text of ASCII characters,
 * with or without a byte order mark, then reads as ASCII.
 */
final class TokenSweep {

    private static final int LENGTH = TokenFormat.LENGTH;
    private static final int PREFIX = TokenFormat.PREFIX.length();
    private static final boolean[] BASE62 = new boolean[256];

    static {
        for (char c = '0'; c <= '9'; c++) {
            BASE62[c] = true;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            BASE62[c] = true;
            BASE62[Character.toLowerCase(c)] = true;
        }
    }

    private final boolean skipNuls;
    private final Consumer<SecretMatch> found;
    /** The bytes being searched: the last LENGTH - 1 of the previous piece (a token may span two), then this piece. */
    private byte[] window = new byte[0];
    private int carried;
    /** The line the window starts on. */
    private int line = 1;

    TokenSweep(boolean skipNuls, Consumer<SecretMatch> found) {
        this.skipNuls = skipNuls;
        this.found = found;
    }

    void feed(byte[] bytes, int offset, int length) {
        if (window.length < carried + length) {
            byte[] larger = new byte[carried + length];
            System.arraycopy(window, 0, larger, 0, carried);
            window = larger;
        }
        int end = carried;
        if (skipNuls) {
            for (int i = offset, stop = offset + length; i < stop; i++) {
                if (bytes[i] != 0) {
                    window[end++] = bytes[i];
                }
            }
        } else {
            System.arraycopy(bytes, offset, window, carried, length);
            end += length;
        }
        search(end);
    }

    /** Every token starting in window[0, end - LENGTH]; what starts later waits for the next piece. */
    private void search(int end) {
        int lineAt = line;
        int countedTo = 0;
        int lastStart = end - LENGTH;
        for (int i = 0; i <= lastStart; i++) {
            if (window[i] == 'h' && window[i + 1] == 'f' && window[i + 2] == '_' && isBody(i + PREFIX)) {
                String candidate = new String(window, i, LENGTH, java.nio.charset.StandardCharsets.ISO_8859_1);
                if (TokenFormat.isWellFormed(candidate)) {
                    lineAt += newlines(countedTo, i);
                    countedTo = i;
                    found.accept(new SecretMatch(SecretKind.HUBGUARD_TOKEN, lineAt, candidate));
                }
            }
        }
        int keep = Math.min(end, LENGTH - 1);
        int keepFrom = end - keep;
        line = lineAt + newlines(countedTo, keepFrom);
        System.arraycopy(window, keepFrom, window, 0, keep);
        carried = keep;
    }

    private boolean isBody(int from) {
        for (int j = from; j < from + LENGTH - PREFIX; j++) {
            if (!BASE62[window[j] & 0xff]) {
                return false;
            }
        }
        return true;
    }

    private int newlines(int from, int to) {
        int count = 0;
        for (int j = from; j < to; j++) {
            if (window[j] == '\n') {
                count++;
            }
        }
        return count;
    }
}
