package org.hubguard.scanning.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A strict, bounded JSON reader (safetensors headers, stored reports) and string escaper. Objects are
 * {@code LinkedHashMap}s, arrays {@code List}s, numbers {@link Num} (their text), {@code true}/{@code false}
 * Booleans and null {@link #NULL}. Duplicate keys are reported: parsers disagree on which one wins.
 */
final class Json {

    static final Object NULL = new Object();

    /** A number as written; callers decide what they accept. */
    record Num(String text) {
    }

    private static final int MAX_DEPTH = 64;

    private final String text;
    private final Consumer<String> onDuplicate;
    private int pos;

    private Json(String text, Consumer<String> onDuplicate) {
        this.text = text;
        this.onDuplicate = onDuplicate;
    }

    static Object parse(String text, Consumer<String> onDuplicate) throws Malformed {
        Json json = new Json(text, onDuplicate);
        json.space();
        Object value = json.value(0);
        json.space();
        if (json.pos != text.length()) {
            throw new Malformed("JSON: trailing characters at " + json.pos);
        }
        return value;
    }

    private Object value(int depth) throws Malformed {
        if (depth > MAX_DEPTH) {
            throw new Malformed("JSON nested deeper than " + MAX_DEPTH);
        }
        if (pos >= text.length()) {
            throw new Malformed("JSON: unexpected end");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{' -> {
                pos++;
                Map<String, Object> map = new LinkedHashMap<>();
                space();
                if (peek('}')) {
                    pos++;
                    return map;
                }
                while (true) {
                    space();
                    if (!peek('"')) {
                        throw new Malformed("JSON: expected a key at " + pos);
                    }
                    String key = string();
                    space();
                    expect(':');
                    space();
                    Object v = value(depth + 1);
                    if (map.put(key, v) != null) {
                        onDuplicate.accept(key);
                    }
                    space();
                    if (peek(',')) {
                        pos++;
                        continue;
                    }
                    expect('}');
                    return map;
                }
            }
            case '[' -> {
                pos++;
                List<Object> list = new ArrayList<>();
                space();
                if (peek(']')) {
                    pos++;
                    return list;
                }
                while (true) {
                    space();
                    list.add(value(depth + 1));
                    space();
                    if (peek(',')) {
                        pos++;
                        continue;
                    }
                    expect(']');
                    return list;
                }
            }
            case '"' -> {
                return string();
            }
            case 't' -> {
                literal("true");
                return Boolean.TRUE;
            }
            case 'f' -> {
                literal("false");
                return Boolean.FALSE;
            }
            case 'n' -> {
                literal("null");
                return NULL;
            }
            default -> {
                return number();
            }
        }
    }

    private String string() throws Malformed {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw new Malformed("JSON: unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw new Malformed("JSON: control character in a string at " + (pos - 1));
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw new Malformed("JSON: unterminated escape");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw new Malformed("JSON: short \\u escape");
                    }
                    try {
                        out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw new Malformed("JSON: bad \\u escape");
                    }
                    pos += 4;
                }
                default -> throw new Malformed("JSON: bad escape \\" + e);
            }
        }
    }

    private Num number() throws Malformed {
        int start = pos;
        if (peek('-')) {
            pos++;
        }
        int digits = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos)) && text.charAt(pos) < 128) {
            pos++;
        }
        if (pos == digits || (text.charAt(digits) == '0' && pos - digits > 1)) {
            throw new Malformed("JSON: bad number at " + start);
        }
        if (peek('.')) {
            pos++;
            int frac = pos;
            while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                pos++;
            }
            if (pos == frac) {
                throw new Malformed("JSON: bad number at " + start);
            }
        }
        if (peek('e') || peek('E')) {
            pos++;
            if (peek('+') || peek('-')) {
                pos++;
            }
            int exp = pos;
            while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                pos++;
            }
            if (pos == exp) {
                throw new Malformed("JSON: bad number at " + start);
            }
        }
        return new Num(text.substring(start, pos));
    }

    private void literal(String word) throws Malformed {
        if (!text.startsWith(word, pos)) {
            throw new Malformed("JSON: unexpected character at " + pos);
        }
        pos += word.length();
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) throws Malformed {
        if (!peek(c)) {
            throw new Malformed("JSON: expected '" + c + "' at " + pos);
        }
        pos++;
    }

    private void space() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t' || text.charAt(pos) == '\n' || text.charAt(pos) == '\r')) {
            pos++;
        }
    }

    /** A JSON string literal with everything outside printable ASCII escaped (safe in any database text column). */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.append('"').toString();
    }
}
