package org.hubguard.scanning.engine;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** numpy type strings ({@code "<f8"}, {@code "U5"}, {@code "|O"}): element size, and whether elements are objects. */
final class NumpyDtype {

    /** What a type string means: objects (pickled), or plain elements of a known size. */
    record Kind(boolean object, long itemSize) {
    }

    private static final Pattern TYPESTR = Pattern.compile("[<>|=]?([a-zA-Z?])(\\d*)(\\[[A-Za-z0-9]+\\])?");
    private static final Map<Character, Integer> SINGLE = Map.ofEntries(
            Map.entry('?', 1), Map.entry('b', 1), Map.entry('B', 1), Map.entry('h', 2), Map.entry('H', 2),
            Map.entry('i', 4), Map.entry('I', 4), Map.entry('l', 8), Map.entry('L', 8), Map.entry('q', 8),
            Map.entry('Q', 8), Map.entry('p', 8), Map.entry('P', 8), Map.entry('e', 2), Map.entry('f', 4),
            Map.entry('d', 8), Map.entry('g', 16), Map.entry('F', 8), Map.entry('D', 16), Map.entry('G', 32),
            Map.entry('M', 8), Map.entry('m', 8));
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("bool", "b1"), Map.entry("int8", "i1"), Map.entry("uint8", "u1"), Map.entry("int16", "i2"),
            Map.entry("uint16", "u2"), Map.entry("int32", "i4"), Map.entry("uint32", "u4"), Map.entry("int64", "i8"),
            Map.entry("uint64", "u8"), Map.entry("float16", "f2"), Map.entry("float32", "f4"), Map.entry("float64", "f8"),
            Map.entry("complex64", "c8"), Map.entry("complex128", "c16"), Map.entry("object", "O"), Map.entry("O", "O"));

    private NumpyDtype() {
    }

    /** The meaning of a simple type string, or null when hubguard does not know it (then the file is not judged safe). */
    static Kind of(String descr) {
        String d = NAMES.getOrDefault(descr, descr);
        Matcher m = TYPESTR.matcher(d);
        if (!m.matches()) {
            return null;
        }
        char kind = m.group(1).charAt(0);
        String digits = m.group(2);
        if (kind == 'O') {
            return digits.isEmpty() || digits.equals("8") || digits.equals("4") ? new Kind(true, 8) : null;
        }
        if (digits.isEmpty()) {
            Integer size = SINGLE.get(kind);
            return size == null ? null : new Kind(false, size);
        }
        if (digits.length() > 9) {
            return null;
        }
        long n = Long.parseLong(digits);
        return switch (kind) {
            case 'b', 'i', 'u', 'f', 'c', 'V', 'S', 'a', 'M', 'm' -> new Kind(false, n);
            case 'U' -> new Kind(false, n * 4);
            default -> null;
        };
    }
}
