package org.hubguard.secrets;

import java.util.ArrayList;
import java.util.List;

import org.hubguard.tokens.TokenFormat;

/**
 * Finds secrets in a text. Pure and fast: one pass over the bytes looks for the first character of any
 * anchor (a table lookup), compares the anchors that start with it, and only then runs that rule's pattern.
 * Texts are read as ISO-8859-1, byte for byte: every format here is ASCII.
 */
public final class SecretRules {

    private static final String HF_BODY = "[A-Za-z0-9]{34}";
    /** A line break, as it is or escaped in a JSON or other quoted string ("\\r\\n", "\\n"). */
    private static final String NEWLINE = "(?:\\r?\\n|(?:\\\\r)?\\\\n)";

    static final List<SecretRule> RULES = List.of(
            // No word boundary for hubguard tokens: the checksum tells them from chance, and a token glued to a
            // letter ("\\nhf_...", "token%3Dhf_...") still opens the account.
            new SecretRule(SecretKind.HUBGUARD_TOKEN, List.of("hf_"), "hf_" + HF_BODY, false)
                    .accepting(TokenFormat::isWellFormed),
            new SecretRule(SecretKind.HUGGING_FACE_TOKEN, List.of("hf_"), "hf_" + HF_BODY, true)
                    .accepting(match -> !TokenFormat.isWellFormed(match)),
            new SecretRule(SecretKind.HUGGING_FACE_TOKEN, List.of("api_org_"), "api_org_" + HF_BODY, true),
            // AWS's documented example key ends in EXAMPLE: it is in every tutorial and opens nothing.
            new SecretRule(SecretKind.AWS_ACCESS_KEY_ID, List.of("AKIA", "ASIA", "ABIA", "ACCA"), "A[A-Z]{3}[A-Z2-7]{16}", true)
                    .accepting(match -> !match.endsWith("EXAMPLE")),
            new SecretRule(SecretKind.GITHUB_TOKEN, List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_"), "gh[pousr]_[A-Za-z0-9]{36}", true),
            new SecretRule(SecretKind.GITHUB_TOKEN, List.of("github_pat_"), "github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}", true),
            new SecretRule(SecretKind.GITLAB_TOKEN, List.of("glpat-"), "glpat-[A-Za-z0-9_-]{20}", true),
            // A header alone (in documentation, in a parser) is no key: at least a line of key material must follow.
            // Line breaks may be escaped ("\\n", two characters): a key inside JSON, as in a Google service account file.
            new SecretRule(SecretKind.PRIVATE_KEY, List.of("-----BEGIN "),
                    "-----BEGIN (?:RSA |DSA |EC |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----" + NEWLINE
                            + "(?:[A-Za-z-]{1,40}: [^\\n\\\\]{0,200}" + NEWLINE + ")*+(?:\\s|" + NEWLINE + ")*+"
                            + "(?:[A-Za-z0-9+/=\\r\\n]|" + NEWLINE + "){64}", false),
            new SecretRule(SecretKind.SLACK_TOKEN, List.of("xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-"),
                    "xox[bpars]-[0-9]{8,13}-[0-9]{8,13}(?:-[A-Za-z0-9]{8,64})*", true),
            new SecretRule(SecretKind.SLACK_WEBHOOK, List.of("hooks.slack.com/services/"),
                    "hooks\\.slack\\.com/services/T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24}", false),
            new SecretRule(SecretKind.STRIPE_LIVE_KEY, List.of("sk_live_", "rk_live_"), "[sr]k_live_[A-Za-z0-9]{24,99}", true),
            new SecretRule(SecretKind.GOOGLE_API_KEY, List.of("AIza"), "AIza[0-9A-Za-z_-]{35}", true));

    /** For each byte value: the rules with an anchor starting with it, and that anchor. */
    private static final Anchor[][] BY_FIRST_BYTE = anchorTable();
    /**
     * Whether some anchor starts with these two bytes (index: first byte * 256 + second). Letters that begin an
     * anchor are common in text; pairs that do are rare, so most positions cost one table lookup.
     */
    private static final boolean[] ANCHOR_PAIRS = anchorPairs();

    private record Anchor(byte[] bytes, SecretRule rule) {
    }

    private SecretRules() {
    }

    /** Every secret in {@code text} (read as ISO-8859-1), in order. */
    public static List<SecretMatch> find(byte[] text) {
        return find(text, text.length);
    }

    /** Every secret in the first {@code length} bytes of {@code text}, in order. */
    public static List<SecretMatch> find(byte[] text, int length) {
        List<SecretMatch> found = new ArrayList<>(0);
        CharSequence chars = new Latin1(text, length);
        int line = 1;
        int lineCountedUpTo = 0;
        for (int i = 0; i < length - 1; i++) { // every anchor is longer than one byte
            if (!ANCHOR_PAIRS[(text[i] & 0xff) << 8 | text[i + 1] & 0xff]) {
                continue;
            }
            Anchor[] candidates = BY_FIRST_BYTE[text[i] & 0xff];
            for (Anchor anchor : candidates) {
                if (!startsWith(text, length, i, anchor.bytes())) {
                    continue;
                }
                String secret = anchor.rule().matchAt(chars, i);
                if (secret != null) {
                    for (; lineCountedUpTo < i; lineCountedUpTo++) {
                        if (text[lineCountedUpTo] == '\n') {
                            line++;
                        }
                    }
                    found.add(new SecretMatch(anchor.rule().kind(), line, secret));
                    i += secret.length() - 1; // a secret is reported once, whatever else matches inside it
                    break;
                }
            }
        }
        return found;
    }

    private static boolean startsWith(byte[] text, int length, int offset, byte[] prefix) {
        if (offset + prefix.length > length) {
            return false;
        }
        for (int j = 1; j < prefix.length; j++) {
            if (text[offset + j] != prefix[j]) {
                return false;
            }
        }
        return true;
    }

    private static boolean[] anchorPairs() {
        boolean[] pairs = new boolean[1 << 16];
        for (SecretRule rule : RULES) {
            for (String anchor : rule.anchors()) {
                pairs[anchor.charAt(0) << 8 | anchor.charAt(1)] = true;
            }
        }
        return pairs;
    }

    private static Anchor[][] anchorTable() {
        List<List<Anchor>> table = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            table.add(new ArrayList<>());
        }
        for (SecretRule rule : RULES) {
            for (String anchor : rule.anchors()) {
                byte[] bytes = anchor.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                table.get(bytes[0] & 0xff).add(new Anchor(bytes, rule));
            }
        }
        Anchor[][] result = new Anchor[256][];
        for (int b = 0; b < 256; b++) {
            result[b] = table.get(b).isEmpty() ? null : table.get(b).toArray(Anchor[]::new);
        }
        return result;
    }

    /** Bytes seen as characters without copying them. */
    private record Latin1(byte[] bytes, int length) implements CharSequence {

        @Override
        public char charAt(int index) {
            if (index >= length) {
                throw new IndexOutOfBoundsException(index);
            }
            return (char) (bytes[index] & 0xff);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return toString(start, end);
        }

        @Override
        public String toString() {
            return toString(0, length);
        }

        private String toString(int start, int end) {
            return new String(bytes, start, end - start, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }
}
