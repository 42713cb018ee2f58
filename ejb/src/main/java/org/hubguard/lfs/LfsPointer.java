package org.hubguard.lfs;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Git LFS pointer file (https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md): what git stores in
 * place of a large file, naming the object by SHA-256 and size.
 */
public record LfsPointer(String oid, long size) {

    /** Pointers are small; anything larger is content, not a pointer. */
    public static final int MAX_SIZE = 1024;

    private static final Pattern POINTER = Pattern.compile(
            "version https://git-lfs\\.github\\.com/spec/v1\n(?:[a-z0-9.-]+ [^\n]*\n)*?oid sha256:([0-9a-f]{64})\n(?:[a-z0-9.-]+ [^\n]*\n)*?size (\\d{1,19})\n(?:[a-z0-9.-]+ [^\n]*\n)*");

    /** The pointer {@code content} is, if it is one. */
    public static Optional<LfsPointer> parse(byte[] content) {
        if (content.length > MAX_SIZE || content.length < 40 || content[0] != 'v') {
            return Optional.empty();
        }
        Matcher m = POINTER.matcher(new String(content, StandardCharsets.UTF_8));
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LfsPointer(m.group(1), Long.parseLong(m.group(2))));
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }

    /** The pointer file's text, as git-lfs writes it. */
    public byte[] text() {
        return ("version https://git-lfs.github.com/spec/v1\noid sha256:" + oid + "\nsize " + size + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code oid} looks like an LFS object id: 64 lower-case hex digits, nothing else (no path tricks). */
    public static boolean isObjectId(String oid) {
        return oid != null && oid.length() == 64 && oid.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f');
    }
}
