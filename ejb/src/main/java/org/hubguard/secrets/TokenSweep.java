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
    private static final int BODY = LENGTH - TokenFormat.PREFIX.length();
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
    /** The last {@link #LENGTH} bytes seen, by position modulo LENGTH. */
    private final byte[] recent = new byte[LENGTH];
    private long seen;
    /** How many base62 bytes end at the last byte seen. */
    private int run;
    private int line = 1;

    TokenSweep(boolean skipNuls, Consumer<SecretMatch> found) {
        this.skipNuls = skipNuls;
        this.found = found;
    }

    void feed(byte[] bytes, int offset, int length) {
        for (int i = offset, end = offset + length; i < end; i++) {
            byte b = bytes[i];
            if (b == 0 && skipNuls) {
                continue;
            }
            recent[(int) (seen % LENGTH)] = b;
            seen++;
            if (b == '\n') {
                line++;
            }
            if (!BASE62[b & 0xff]) {
                run = 0;
            } else if (++run == BODY && seen >= LENGTH && at(seen - LENGTH) == 'h' && at(seen - LENGTH + 1) == 'f'
                    && at(seen - LENGTH + 2) == '_') {
                // the first 34 characters after "hf_": a token followed by more letters is still that token
                check();
            }
        }
    }

    private byte at(long position) {
        return recent[(int) (position % LENGTH)];
    }

    private void check() {
        char[] candidate = new char[LENGTH];
        for (int j = 0; j < LENGTH; j++) {
            candidate[j] = (char) at(seen - LENGTH + j);
        }
        String token = new String(candidate);
        if (TokenFormat.isWellFormed(token)) {
            found.accept(new SecretMatch(SecretKind.HUBGUARD_TOKEN, line, token));
        }
    }
}
