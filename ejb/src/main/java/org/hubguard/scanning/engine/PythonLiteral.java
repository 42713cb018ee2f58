package org.hubguard.scanning.engine;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of {@code ast.literal_eval} that .npy headers use: dicts, lists, tuples, strings (prefixes, escapes,
 * implicit concatenation), integers, booleans and None. numpy reads the header with literal_eval, so
 * {@code '|\x4f'} means object dtype here too. Anything else is refused (the file is then not judged safe).
 */
final class PythonLiteral {

    static final Object NONE = new Object();

    record Tuple(List<Object> items) {
    }

    private static final int MAX_DEPTH = 32;
    private final String s;
    private int pos;

    private PythonLiteral(String s) {
        this.s = s;
    }

    static Object parse(String text) throws Malformed {
        PythonLiteral p = new PythonLiteral(text);
        p.space();
        Object value = p.value(0);
        p.space();
        if (p.pos != text.length()) {
            throw new Malformed("header: unexpected text at " + p.pos);
        }
        return value;
    }

    private Object value(int depth) throws Malformed {
        if (depth > MAX_DEPTH) {
            throw new Malformed("header nested too deep");
        }
        if (pos >= s.length()) {
            throw new Malformed("header ends early");
        }
        char c = s.charAt(pos);
        if (c == '{') {
            pos++;
            Map<Object, Object> map = new LinkedHashMap<>();
            for (List<Object> items : sequence('}', depth, true)) {
                map.put(key(items.get(0)), items.get(1));
            }
            return map;
        }
        if (c == '[') {
            pos++;
            List<Object> list = new ArrayList<>();
            sequence(']', depth, false).forEach(items -> list.add(items.get(0)));
            return list;
        }
        if (c == '(') {
            pos++;
            int start = pos;
            List<List<Object>> items = sequence(')', depth, false);
            if (items.size() == 1 && !trailingComma(start)) {
                return items.get(0).get(0); // parentheses only
            }
            return new Tuple(items.stream().map(i -> i.get(0)).toList());
        }
        if (c == '\'' || c == '"' || isPrefix()) {
            return strings();
        }
        if (c == '-' || c == '+' || Character.isDigit(c)) {
            return number();
        }
        for (String word : new String[] {"True", "False", "None"}) {
            if (s.startsWith(word, pos) && (pos + word.length() == s.length() || !Character.isLetterOrDigit(s.charAt(pos + word.length())))) {
                pos += word.length();
                return word.equals("None") ? NONE : Boolean.valueOf(word.equals("True"));
            }
        }
        throw new Malformed("header: unsupported syntax at " + pos);
    }

    private boolean trailingComma(int start) {
        int i = pos - 2;
        while (i >= start && Character.isWhitespace(s.charAt(i))) {
            i--;
        }
        return i >= start && s.charAt(i) == ',';
    }

    private static Object key(Object key) throws Malformed {
        if (key instanceof Map || key instanceof List) {
            throw new Malformed("header: unhashable dict key");
        }
        return key;
    }

    /** Items up to {@code close}, comma-separated with an optional trailing comma; pairs for dicts. */
    private List<List<Object>> sequence(char close, int depth, boolean pairs) throws Malformed {
        List<List<Object>> items = new ArrayList<>();
        space();
        while (true) {
            if (pos < s.length() && s.charAt(pos) == close) {
                pos++;
                return items;
            }
            Object first = value(depth + 1);
            space();
            if (pairs) {
                if (pos >= s.length() || s.charAt(pos) != ':') {
                    throw new Malformed("header: expected ':' at " + pos);
                }
                pos++;
                space();
                items.add(List.of(first, value(depth + 1)));
            } else {
                items.add(java.util.Collections.singletonList(first));
            }
            space();
            if (pos < s.length() && s.charAt(pos) == ',') {
                pos++;
                space();
            } else if (pos >= s.length() || s.charAt(pos) != close) {
                throw new Malformed("header: expected ',' or '" + close + "' at " + pos);
            }
        }
    }

    private boolean isPrefix() {
        int i = pos;
        while (i < s.length() && i - pos < 2 && "rRbBuU".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return i > pos && i < s.length() && (s.charAt(i) == '\'' || s.charAt(i) == '"');
    }

    /** One or more adjacent string literals, concatenated as Python does; bytes come back as latin-1 text. */
    private String strings() throws Malformed {
        StringBuilder out = new StringBuilder();
        Boolean bytes = null;
        while (pos < s.length() && (s.charAt(pos) == '\'' || s.charAt(pos) == '"' || isPrefix())) {
            String prefix = "";
            while ("rRbBuU".indexOf(s.charAt(pos)) >= 0) {
                prefix += Character.toLowerCase(s.charAt(pos++));
            }
            boolean raw = prefix.contains("r");
            boolean isBytes = prefix.contains("b");
            if (prefix.contains("u") && (raw || isBytes) || prefix.length() > 2) {
                throw new Malformed("header: invalid string prefix " + prefix);
            }
            if (bytes != null && bytes != isBytes) {
                throw new Malformed("header: cannot mix bytes and str literals");
            }
            bytes = isBytes;
            out.append(literal(raw, isBytes));
            space();
        }
        return out.toString();
    }

    private String literal(boolean raw, boolean bytes) throws Malformed {
        char quote = s.charAt(pos);
        boolean triple = s.startsWith(String.valueOf(quote).repeat(3), pos);
        pos += triple ? 3 : 1;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw new Malformed("header: unterminated string");
            }
            char c = s.charAt(pos);
            if (c == quote && (!triple || s.startsWith(String.valueOf(quote).repeat(3), pos))) {
                pos += triple ? 3 : 1;
                return out.toString();
            }
            if (c == '\n' && !triple) {
                throw new Malformed("header: newline in a string");
            }
            if (bytes && c > 0x7f) {
                throw new Malformed("header: non-ASCII character in a bytes literal");
            }
            if (c != '\\') {
                out.append(c);
                pos++;
                continue;
            }
            if (pos + 1 >= s.length()) {
                throw new Malformed("header: unterminated string");
            }
            char e = s.charAt(pos + 1);
            if (raw) {
                out.append(c).append(e); // a raw string keeps the backslash (and it still escapes the quote)
                pos += 2;
                continue;
            }
            pos += 2;
            switch (e) {
                case '\n' -> { }
                case '\\', '\'', '"' -> out.append(e);
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'v' -> out.append('\u000b');
                case 'x' -> out.appendCodePoint(hex(2));
                case 'u', 'U' -> {
                    if (bytes) {
                        out.append('\\').append(e);
                    } else {
                        int cp = hex(e == 'u' ? 4 : 8);
                        if (cp > 0x10ffff) {
                            throw new Malformed("header: escape out of range");
                        }
                        out.appendCodePoint(cp);
                    }
                }
                case 'N' -> throw new Malformed("header: named escapes are not supported");
                default -> {
                    if (e >= '0' && e <= '7') {
                        int value = e - '0';
                        for (int k = 0; k < 2 && pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '7'; k++) {
                            value = value * 8 + (s.charAt(pos++) - '0');
                        }
                        out.appendCodePoint(bytes ? value & 0xff : value);
                    } else {
                        out.append('\\').append(e);
                    }
                }
            }
        }
    }

    private int hex(int digits) throws Malformed {
        if (pos + digits > s.length()) {
            throw new Malformed("header: truncated escape");
        }
        try {
            long value = Long.parseLong(s.substring(pos, pos + digits), 16);
            if (!s.substring(pos, pos + digits).chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
                throw new NumberFormatException();
            }
            pos += digits;
            return (int) Math.min(value, Integer.MAX_VALUE);
        } catch (NumberFormatException e) {
            throw new Malformed("header: bad escape");
        }
    }

    private Object number() throws Malformed {
        int start = pos;
        boolean negative = false;
        while (pos < s.length() && (s.charAt(pos) == '-' || s.charAt(pos) == '+')) {
            negative ^= s.charAt(pos) == '-';
            pos++;
            space();
        }
        int digitsStart = pos;
        while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_' || s.charAt(pos) == '.')) {
            pos++;
        }
        String text = s.substring(digitsStart, pos);
        BigInteger value = PickleWalker.parsePythonInt(text);
        if (value == null || text.startsWith("0") && text.length() > 1 && !text.chars().allMatch(ch -> ch == '0' || ch == '_')) {
            throw new Malformed("header: unsupported number " + s.substring(start, pos));
        }
        return negative ? value.negate() : value;
    }

    private void space() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                pos++;
            } else if (c == '\\' && pos + 1 < s.length() && s.charAt(pos + 1) == '\n') {
                pos += 2;
            } else if (c == '#') {
                while (pos < s.length() && s.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }
}
