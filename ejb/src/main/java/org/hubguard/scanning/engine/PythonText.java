package org.hubguard.scanning.engine;

import java.io.ByteArrayOutputStream;

/**
 * Python's own decodings of pickle string operands, reimplemented exactly: a scanner that reads {@code S'o\x73'} as
 * anything but {@code os} can be walked past. Each method returns null where Python raises.
 */
final class PythonText {

    private PythonText() {
    }

    /** {@code bytes.decode("utf-8", "strict")}, or with {@code surrogatepass} (BINUNICODE and friends). */
    static String utf8(byte[] bytes, boolean surrogatePass) {
        StringBuilder out = new StringBuilder(bytes.length);
        int i = 0;
        while (i < bytes.length) {
            int b0 = bytes[i] & 0xff;
            if (b0 < 0x80) {
                out.append((char) b0);
                i++;
                continue;
            }
            int need;
            int cp;
            int min;
            if (b0 >= 0xc2 && b0 <= 0xdf) {
                need = 1;
                cp = b0 & 0x1f;
                min = 0x80;
            } else if (b0 >= 0xe0 && b0 <= 0xef) {
                need = 2;
                cp = b0 & 0x0f;
                min = 0x800;
            } else if (b0 >= 0xf0 && b0 <= 0xf4) {
                need = 3;
                cp = b0 & 0x07;
                min = 0x10000;
            } else {
                return null;
            }
            if (i + need >= bytes.length) {
                return null; // truncated sequence
            }
            for (int k = 1; k <= need; k++) {
                int b = bytes[i + k] & 0xff;
                if ((b & 0xc0) != 0x80) {
                    return null;
                }
                cp = (cp << 6) | (b & 0x3f);
            }
            if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff && !surrogatePass)) {
                return null;
            }
            out.appendCodePoint(cp);
            i += need + 1;
        }
        return out.toString();
    }

    /** Every byte as the character of the same number (Python's latin-1), for 8-bit strings kept losslessly. */
    static String latin1(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            out.append((char) (b & 0xff));
        }
        return out.toString();
    }

    /** {@code codecs.escape_decode}: what the STRING opcode does to its quoted operand. */
    static byte[] escapeDecode(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        int i = 0;
        while (i < in.length) {
            int c = in[i++] & 0xff;
            if (c != '\\') {
                out.write(c);
                continue;
            }
            if (i == in.length) {
                return null; // "Trailing \ in string"
            }
            int e = in[i++] & 0xff;
            switch (e) {
                case '\n' -> { }
                case '\\' -> out.write('\\');
                case '\'' -> out.write('\'');
                case '"' -> out.write('"');
                case 'b' -> out.write(8);
                case 'f' -> out.write(12);
                case 't' -> out.write(9);
                case 'n' -> out.write(10);
                case 'r' -> out.write(13);
                case 'v' -> out.write(11);
                case 'a' -> out.write(7);
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    int value = e - '0';
                    for (int k = 0; k < 2 && i < in.length && in[i] >= '0' && in[i] <= '7'; k++) {
                        value = (value << 3) + (in[i++] - '0');
                    }
                    out.write(value & 0xff);
                }
                case 'x' -> {
                    if (i + 1 < in.length && hex(in[i]) >= 0 && hex(in[i + 1]) >= 0) {
                        out.write((hex(in[i]) << 4) | hex(in[i + 1]));
                        i += 2;
                    } else {
                        return null; // "invalid \x escape"
                    }
                }
                default -> {
                    out.write('\\'); // unknown escapes stay as they are
                    i--;
                }
            }
        }
        return out.toByteArray();
    }

    /** {@code str(data, "raw-unicode-escape")}: what the UNICODE opcode does to its operand. */
    static String rawUnicodeEscape(byte[] in) {
        StringBuilder out = new StringBuilder(in.length);
        int i = 0;
        while (i < in.length) {
            int c = in[i] & 0xff;
            if (c != '\\') {
                out.append((char) c);
                i++;
                continue;
            }
            int j = i;
            while (j < in.length && in[j] == '\\') {
                j++;
            }
            int run = j - i;
            // \\u escapes count only after an odd number of backslashes
            if (run % 2 == 1 && j < in.length && (in[j] == 'u' || in[j] == 'U')) {
                out.append("\\".repeat(run - 1));
                int count = in[j] == 'u' ? 4 : 8;
                int k = j + 1;
                long cp = 0;
                int digits = 0;
                while (digits < count && k < in.length && hex(in[k]) >= 0) {
                    cp = (cp << 4) | hex(in[k]);
                    k++;
                    digits++;
                }
                if (digits < count || cp > 0x10ffff) {
                    return null; // "truncated \\uXXXX escape" or "\\Uxxxxxxxx out of range"
                }
                out.appendCodePoint((int) cp);
                i = k;
            } else {
                out.append("\\".repeat(run));
                i = j;
            }
        }
        return out.toString();
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    /**
     * Whether {@code text} can name a module or attribute that exists: dotted identifiers. Python's import system
     * cannot find a module called {@code "mport torch"} (a Python source file read as an INST opcode), so such an
     * import fails before anything is called.
     */
    static boolean isDottedIdentifier(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (String segment : text.split("\\.", -1)) {
            if (!isIdentifier(segment)) {
                return false;
            }
        }
        return true;
    }

    static boolean isIdentifier(String segment) {
        if (segment.isEmpty()) {
            return false;
        }
        int first = segment.codePointAt(0);
        if (first != '_' && !Character.isUnicodeIdentifierStart(first)) {
            return false;
        }
        for (int i = Character.charCount(first); i < segment.length(); ) {
            int cp = segment.codePointAt(i);
            if (cp != '_' && !Character.isUnicodeIdentifierPart(cp) || Character.isIdentifierIgnorable(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }
}
