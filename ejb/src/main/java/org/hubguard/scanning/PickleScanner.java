package org.hubguard.scanning;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.hubguard.scanning.PickleImport.Safety;

/**
 * Lists what a pickle would import when loaded, by walking its opcodes (GLOBAL, INST, STACK_GLOBAL with the
 * memo) without executing anything, reading the file once as a stream. Zip-based PyTorch checkpoints are
 * opened and each {@code *.pkl} inside is walked. Malformed and truncated pickles are reported, never
 * crashed on.
 */
public final class PickleScanner {

    /** Strings longer than this are not kept as values (module and function names are short). */
    static final int MAX_KEPT_STRING = 1024;

    private static final Set<String> EXTENSIONS = Set.of(".pkl", ".pickle", ".bin", ".pt", ".pth", ".ckpt", ".joblib");
    private static final Object OTHER = new Object();

    /**
     * @param isPickle false when the file is not a pickle at all (e.g. raw weights in a .bin): nothing to judge
     * @param problem  why the walk stopped early (malformed or truncated), or null
     */
    public record Result(boolean isPickle, List<PickleImport> imports, String problem) {

        public Safety highestSafety() {
            return imports.stream().map(PickleImport::safety).max(Enum::compareTo).orElse(Safety.INNOCUOUS);
        }
    }

    private PickleScanner() {
    }

    /** Whether files with this path are walked for pickle imports. */
    public static boolean handles(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(lower::endsWith);
    }

    public static Result scan(String path, InputStream input) throws IOException {
        BufferedInputStream in = new BufferedInputStream(input);
        in.mark(4);
        byte[] magic = in.readNBytes(4);
        in.reset();
        if (magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
            return scanZip(in);
        }
        Result result = walk(in);
        String lower = path.toLowerCase(Locale.ROOT);
        if (!result.isPickle() && (lower.endsWith(".pkl") || lower.endsWith(".pickle"))) {
            return new Result(true, List.of(), "not a pickle: " + result.problem());
        }
        return result;
    }

    private static Result scanZip(InputStream in) throws IOException {
        List<PickleImport> imports = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        boolean anyPickle = false;
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries++;
                if (!entry.isDirectory() && entry.getName().endsWith(".pkl")) {
                    Result inner = walk(zip);
                    anyPickle = true;
                    imports.addAll(inner.imports());
                    if (inner.problem() != null) {
                        problems.add(entry.getName() + ": " + inner.problem());
                    }
                }
            }
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            problems.add("damaged zip: " + e.getMessage());
        }
        if (entries == 0 && problems.isEmpty()) {
            problems.add("damaged zip: no entry could be read");
        }
        return new Result(anyPickle || !problems.isEmpty(), List.copyOf(new LinkedHashSet<>(imports)),
                problems.isEmpty() ? null : String.join("; ", problems));
    }

    /** Walks one pickle up to its STOP opcode. */
    static Result walk(InputStream in) throws IOException {
        Walker walker = new Walker(in);
        try {
            walker.run();
            return new Result(true, walker.imports(), null);
        } catch (NotAPickle e) {
            return new Result(false, List.of(), e.getMessage());
        } catch (Malformed e) {
            return new Result(true, walker.imports(), e.getMessage());
        }
    }

    private static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    private static final class NotAPickle extends Exception {
        private static final long serialVersionUID = 1L;

        NotAPickle(String message) {
            super(message);
        }
    }

    private static final class Walker {

        private final InputStream in;
        private long position;
        private final List<Object> values = new ArrayList<>();
        private final Map<Long, Object> memo = new HashMap<>();
        private final LinkedHashSet<PickleImport> imports = new LinkedHashSet<>();

        Walker(InputStream in) {
            this.in = in;
        }

        List<PickleImport> imports() {
            return List.copyOf(imports);
        }

        void run() throws IOException, Malformed, NotAPickle {
            boolean first = true;
            while (true) {
                int opcode = in.read();
                if (opcode < 0) {
                    if (first) {
                        throw new NotAPickle("the file is empty");
                    }
                    throw new Malformed("truncated: the pickle ends at byte " + position + " without a STOP opcode");
                }
                long at = position++;
                if (first && !isOpcode(opcode)) {
                    throw new NotAPickle(String.format(Locale.ROOT, "it starts with byte 0x%02x, which no pickle does", opcode));
                }
                first = false;
                if (opcode == '.') {
                    return;
                }
                step(opcode, at);
            }
        }

        private void step(int op, long at) throws IOException, Malformed {
            switch (op) {
                case 'c', 'i' -> { // GLOBAL, INST: module and name on two lines
                    String module = line();
                    String name = line();
                    record(module, name);
                    push(OTHER);
                }
                case 0x93 -> { // STACK_GLOBAL: name and module from the stack
                    Object name = pop();
                    Object module = pop();
                    if (module instanceof String m && name instanceof String n) {
                        record(m, n);
                    } else {
                        imports.add(new PickleImport("(unresolved)", "(unresolved)", Safety.DANGEROUS));
                    }
                    push(OTHER);
                }
                case 'S' -> push(unquote(line()));
                case 'V' -> push(line());
                case 'U' -> push(text(length(1), StandardCharsets.ISO_8859_1));
                case 'T' -> push(text(length(4), StandardCharsets.ISO_8859_1));
                case 'X', 0x8c, 0x8d -> push(text(length(op == 'X' ? 4 : op == 0x8c ? 1 : 8), StandardCharsets.UTF_8));
                case 'C', 'B', 0x8e, 0x96, 0x8a, 0x8b -> {
                    skip(length(op == 'C' || op == 0x8a ? 1 : op == 'B' || op == 0x8b ? 4 : 8));
                    push(OTHER);
                }
                case 'p' -> memo.put(parseIndex(line()), last());
                case 'q' -> memo.put(length(1), last());
                case 'r' -> memo.put(length(4), last());
                case 0x94 -> memo.put((long) memo.size(), last());
                case 'g' -> push(memo.getOrDefault(parseIndex(line()), OTHER));
                case 'h' -> push(memo.getOrDefault(length(1), OTHER));
                case 'j' -> push(memo.getOrDefault(length(4), OTHER));
                case 'F', 'I', 'L', 'P' -> {
                    line();
                    push(OTHER);
                }
                case 'J', 'K', 'M', 'G', 0x82, 0x83, 0x84 -> {
                    skip(op == 'J' || op == 0x84 ? 4 : op == 'K' || op == 0x82 ? 1 : op == 'M' || op == 0x83 ? 2 : 8);
                    push(OTHER);
                }
                case 0x80 -> skip(1);  // PROTO
                case 0x95 -> skip(8);  // FRAME
                case '(', '0', '1', '2', 'N', 'Q', 'R', 'a', 'b', 'd', '}', 'e', 'l', ']', 'o', 's', 't', ')', 'u',
                        0x81, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8f, 0x90, 0x91, 0x92, 0x97, 0x98 -> push(OTHER);
                default -> throw new Malformed(String.format(Locale.ROOT, "unknown opcode 0x%02x at byte %d", op, at));
            }
        }

        private void record(String module, String name) {
            imports.add(new PickleImport(module, name, PickleSafety.of(module, name)));
        }

        private void push(Object value) {
            values.add(value);
            if (values.size() > 64) {
                values.remove(0); // only the most recent values can name a STACK_GLOBAL
            }
        }

        private Object pop() {
            return values.isEmpty() ? OTHER : values.remove(values.size() - 1);
        }

        private Object last() {
            return values.isEmpty() ? OTHER : values.get(values.size() - 1);
        }

        private String line() throws IOException, Malformed {
            StringBuilder line = new StringBuilder();
            while (true) {
                int b = in.read();
                position++;
                if (b < 0) {
                    throw new Malformed("truncated: a text argument ends at byte " + position + " without a newline");
                }
                if (b == '\n') {
                    return line.toString();
                }
                if (line.length() < MAX_KEPT_STRING) {
                    line.append((char) b);
                }
            }
        }

        /** A little-endian unsigned length or index of {@code size} bytes. */
        private long length(int size) throws IOException, Malformed {
            byte[] bytes = in.readNBytes(size);
            position += bytes.length;
            if (bytes.length < size) {
                throw new Malformed("truncated: an argument ends at byte " + position);
            }
            long value = 0;
            for (int i = size - 1; i >= 0; i--) {
                value = (value << 8) | (bytes[i] & 0xff);
            }
            if (value < 0) {
                throw new Malformed("a negative length at byte " + position);
            }
            return value;
        }

        private Object text(long length, java.nio.charset.Charset charset) throws IOException, Malformed {
            if (length > MAX_KEPT_STRING) {
                skip(length);
                return OTHER;
            }
            byte[] bytes = in.readNBytes((int) length);
            position += bytes.length;
            if (bytes.length < length) {
                throw new Malformed("truncated: a string ends at byte " + position);
            }
            return new String(bytes, charset);
        }

        private void skip(long length) throws IOException, Malformed {
            long skipped = 0;
            while (skipped < length) {
                long n = in.skip(length - skipped);
                if (n <= 0) {
                    if (in.read() < 0) {
                        position += skipped;
                        throw new Malformed("truncated: data ends at byte " + position);
                    }
                    n = 1;
                }
                skipped += n;
            }
            position += length;
        }

        private static long parseIndex(String text) throws Malformed {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new Malformed("a memo index is not a number: " + text);
            }
        }

        private static String unquote(String text) {
            String trimmed = text.trim();
            return trimmed.length() >= 2 && (trimmed.startsWith("'") || trimmed.startsWith("\"")) ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
        }

        private static boolean isOpcode(int b) {
            return b == 0x80 || "(.012FIJKLMNPQRSTUVXabcdeghijlopqrstu}])GCB".indexOf(b) >= 0;
        }
    }
}
