package org.hubguard.tokens;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * The shape of an access token: {@code hf_}, 28 random base62 characters, then 6 base62 characters of
 * CRC32 over everything before them. The prefix is what the {@code @huggingface/hub} client expects; the
 * checksum lets a secret scanner (or this server, before touching the database) tell a real token from
 * a random string offline.
 */
public final class TokenFormat {

    public static final String PREFIX = "hf_";
    static final int RANDOM_LENGTH = 28;
    static final int CHECKSUM_LENGTH = 6;
    public static final int LENGTH = PREFIX.length() + RANDOM_LENGTH + CHECKSUM_LENGTH;

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenFormat() {
    }

    /** A new token secret (about 166 random bits). */
    public static String generate() {
        StringBuilder token = new StringBuilder(LENGTH).append(PREFIX);
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            token.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
        }
        return token.append(checksum(token)).toString();
    }

    /** True when {@code candidate} has the prefix, the length, the alphabet and a matching checksum. */
    public static boolean isWellFormed(String candidate) {
        if (candidate == null || candidate.length() != LENGTH || !candidate.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            if (BASE62.indexOf(candidate.charAt(i)) < 0) {
                return false;
            }
        }
        String body = candidate.substring(0, LENGTH - CHECKSUM_LENGTH);
        return checksum(body).equals(candidate.substring(LENGTH - CHECKSUM_LENGTH));
    }

    /** The last four characters, shown in token lists so people can tell their tokens apart. */
    public static String lastFour(String token) {
        return token.substring(token.length() - 4);
    }

    static String checksum(CharSequence body) {
        CRC32 crc = new CRC32();
        crc.update(body.toString().getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] digits = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            digits[i] = BASE62.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(digits);
    }
}
