package org.hubguard.secrets;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One format: literal anchors where a candidate starts (found cheaply), the pattern the candidate must match
 * from there, and an optional check of the match (a checksum, a known example to ignore).
 *
 * @param standalone whether the secret must not be glued to letters or digits on either side (for formats
 *                   whose prefix could occur inside a longer word)
 */
record SecretRule(SecretKind kind, List<String> anchors, Pattern pattern, boolean standalone, Predicate<String> accept) {

    SecretRule(SecretKind kind, List<String> anchors, String regex, boolean standalone) {
        this(kind, anchors, Pattern.compile(regex), standalone, match -> true);
    }

    SecretRule accepting(Predicate<String> check) {
        return new SecretRule(kind, anchors, pattern, standalone, check);
    }

    /** The secret starting at {@code offset} of {@code text}, or null when there is none there. */
    String matchAt(CharSequence text, int offset) {
        if (standalone && offset > 0 && isWordChar(text.charAt(offset - 1))) {
            return null;
        }
        Matcher matcher = pattern.matcher(text).region(offset, text.length());
        if (!matcher.lookingAt()) {
            return null;
        }
        int end = matcher.end();
        if (standalone && end < text.length() && isWordChar(text.charAt(end))) {
            return null;
        }
        String match = matcher.group();
        return accept.test(match) ? match : null;
    }

    private static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
}
