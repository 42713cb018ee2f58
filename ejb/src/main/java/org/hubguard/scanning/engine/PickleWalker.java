package org.hubguard.scanning.engine;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Walks one pickle opcode by opcode the way CPython's unpickler would run it, without running anything: the
 * stack, marks, memo and protocol are simulated exactly, so every import is found with the operands Python would
 * use (escapes decoded, memo slots resolved, Python 2 names and dotted paths resolved as {@code find_class} does).
 * Where the C and pure-Python unpicklers differ, the walker accepts what either accepts.
 */
final class PickleWalker {

    /** Called after BUILD of an object; joblib reads array bytes there. Returns the replacement value, or null. */
    interface BuildHook {
        PyValue afterBuild(PyValue.Call object, ByteCursor in, PickleWalk walk) throws IOException, Malformed, LimitExceeded;
    }

    /** Bytes of a string or text operand that are kept (module and attribute names are far shorter). */
    static final int KEEP = 1024;
    /** Items popped at once (TUPLE, LIST, DICT...) that are modeled; larger groups become unknown values. */
    static final int KEEP_ITEMS = 4096;
    private static final long MAX_SIZE = Long.MAX_VALUE;

    private final ByteCursor in;
    private final ScanLimits limits;
    private final BuildHook hook;
    private final ValueStack stack;
    private final Memo memo;
    private final PickleWalk walk;
    private int proto;
    private long modeled;
    private boolean lastLineCut;

    private PickleWalker(ByteCursor in, ScanLimits limits, BuildHook hook) {
        this.in = in;
        this.limits = limits;
        this.hook = hook;
        this.stack = new ValueStack(limits.maxMarks());
        this.memo = new Memo(limits.maxMemoSparse());
        this.walk = new PickleWalk(in.position());
    }

    /** Walks from the cursor's position to the pickle's STOP (or to where Python would fail). */
    static PickleWalk walk(ByteCursor in, ScanLimits limits, BuildHook hook) throws IOException {
        PickleWalker walker = new PickleWalker(in, limits, hook);
        try {
            walker.run();
        } catch (Malformed e) {
            walker.walk.failure = e.getMessage();
        } catch (LimitExceeded e) {
            walker.walk.failure = "too large to judge: " + e.getMessage();
            walker.walk.limited = true;
        }
        walker.walk.end = in.position();
        return walker.walk;
    }

    private void run() throws IOException, Malformed, LimitExceeded {
        while (true) {
            long at = in.position();
            int op = in.read();
            if (op < 0) {
                throw new Malformed(at == walk.start ? "no data" : "truncated: the pickle ends at byte " + at + " without a STOP opcode");
            }
            if (op == '.') {
                walk.value = stack.pop();
                walk.stopped = true;
                return;
            }
            step(op, at);
        }
    }

    private void step(int op, long at) throws IOException, Malformed, LimitExceeded {
        switch (op) {
            case 0x80 -> { // PROTO
                int version = in.read();
                if (version < 0 || version > 5) {
                    throw new Malformed(version < 0 ? "truncated PROTO" : "unsupported pickle protocol " + version);
                }
                proto = version;
            }
            case 0x95 -> { // FRAME: a size hint; frames are read through (the C unpickler does not enforce them)
                if (in.readLittleEndian(8, "FRAME") < 0) {
                    throw new Malformed("frame size > sys.maxsize at byte " + at);
                }
            }
            case 'c' -> { // GLOBAL
                String module = nameLine("GLOBAL module", false);
                importGlobal(module, nameOf(module, "GLOBAL name", false, at), at);
            }
            case 'i' -> { // INST: Python imports first, then pops the mark
                String module = nameLine("INST module", true);
                PyValue cls = importGlobal(module, nameOf(module, "INST name", true, at), at);
                stack.pop(); // the import pushed above
                List<PyValue> args = stack.popMark(KEEP_ITEMS);
                stack.push(new PyValue.Call(cls, tuple(args)));
            }
            case 0x93 -> stackGlobal(at);
            case 0x82, 0x83, 0x84 -> { // EXT1, EXT2, EXT4: copyreg's extension registry
                long code = op == 0x82 ? in.readLittleEndian(1, "EXT1") : op == 0x83 ? in.readLittleEndian(2, "EXT2")
                        : (int) in.readLittleEndian(4, "EXT4");
                if (code <= 0) {
                    throw new Malformed("EXT specifies code <= 0 at byte " + at);
                }
                note(at, "extension code " + code + ": an import chosen by the loading program's copyreg registry");
                walk.loaderObjects = true;
                stack.push(PyValue.UNKNOWN);
            }
            case 'P' -> { // PERSID
                String id = nameLine("PERSID", true); // persistent_load: torch's storages (plain pickle.load refuses)
                PyValue pid = str(id);
                walk.persistentIds.add(pid);
                stack.push(new PyValue.Persistent(pid));
            }
            case 'Q' -> { // BINPERSID
                PyValue pid = stack.pop();
                walk.persistentIds.add(pid);
                stack.push(new PyValue.Persistent(pid));
            }
            case 'R' -> { // REDUCE
                PyValue args = stack.pop();
                PyValue func = stack.peek();
                stack.replaceTop(new PyValue.Call(func, args));
            }
            case 0x81 -> { // NEWOBJ
                PyValue args = stack.pop();
                PyValue cls = stack.pop();
                stack.push(new PyValue.Call(cls, args));
            }
            case 0x92 -> { // NEWOBJ_EX
                stack.pop();
                PyValue args = stack.pop();
                PyValue cls = stack.pop();
                stack.push(new PyValue.Call(cls, args));
            }
            case 'o' -> { // OBJ
                List<PyValue> items = stack.popMark(KEEP_ITEMS);
                if (items != null && items.isEmpty()) {
                    throw new Malformed("OBJ without a class at byte " + at);
                }
                stack.push(items == null ? PyValue.UNKNOWN : new PyValue.Call(items.get(0), tuple(items.subList(1, items.size()))));
            }
            case 'b' -> build();
            case '(' -> stack.mark();
            case '0' -> stack.popOrMark();
            case '1' -> stack.popMark(0);
            case '2' -> stack.push(stack.peek());
            case 'N' -> stack.push(PyValue.Const.NONE);
            case 0x88 -> stack.push(PyValue.Const.TRUE);
            case 0x89 -> stack.push(PyValue.Const.FALSE);
            case 'I' -> stack.push(intLine(false));
            case 'L' -> stack.push(intLine(true));
            case 'J' -> stack.push(new PyValue.Int((int) in.readLittleEndian(4, "BININT")));
            case 'K' -> stack.push(new PyValue.Int(in.readLittleEndian(1, "BININT1")));
            case 'M' -> stack.push(new PyValue.Int(in.readLittleEndian(2, "BININT2")));
            case 0x8a -> stack.push(longBytes(in.readLittleEndian(1, "LONG1")));
            case 0x8b -> {
                long n = (int) in.readLittleEndian(4, "LONG4");
                if (n < 0) {
                    throw new Malformed("LONG pickle has negative byte count at byte " + at);
                }
                stack.push(longBytes(n));
            }
            case 'F' -> {
                line("FLOAT");
                stack.push(PyValue.Const.FLOAT);
            }
            case 'G' -> {
                in.skip(8, "BINFLOAT");
                stack.push(PyValue.Const.FLOAT);
            }
            case 'S' -> stack.push(quotedString(at));
            case 'T' -> {
                long n = (int) in.readLittleEndian(4, "BINSTRING");
                if (n < 0) {
                    throw new Malformed("BINSTRING pickle has negative byte count at byte " + at);
                }
                stack.push(bytesString(n, "BINSTRING"));
            }
            case 'U' -> stack.push(bytesString(in.readLittleEndian(1, "SHORT_BINSTRING"), "SHORT_BINSTRING"));
            case 'V' -> {
                byte[] text = line("UNICODE");
                String value = PythonText.rawUnicodeEscape(text);
                if (value == null) {
                    throw new Malformed("UNICODE operand is not valid raw-unicode-escape at byte " + at);
                }
                stack.push(str(value));
            }
            case 'X' -> stack.push(unicode(in.readLittleEndian(4, "BINUNICODE"), at));
            case 0x8c -> stack.push(unicode(in.readLittleEndian(1, "SHORT_BINUNICODE"), at));
            case 0x8d -> stack.push(unicode(size(in.readLittleEndian(8, "BINUNICODE8"), at), at));
            case 'B' -> skipConst(in.readLittleEndian(4, "BINBYTES"), "BINBYTES", PyValue.Const.BYTES);
            case 'C' -> skipConst(in.readLittleEndian(1, "SHORT_BINBYTES"), "SHORT_BINBYTES", PyValue.Const.BYTES);
            case 0x8e -> skipConst(size(in.readLittleEndian(8, "BINBYTES8"), at), "BINBYTES8", PyValue.Const.BYTES);
            case 0x96 -> skipConst(size(in.readLittleEndian(8, "BYTEARRAY8"), at), "BYTEARRAY8", PyValue.Const.BYTEARRAY);
            case 0x97 -> {
                note(at, "out-of-band buffer (NEXT_BUFFER): no ordinary loader supplies one");
                stack.push(PyValue.Const.BUFFER);
            }
            case 0x98 -> stack.peek(); // READONLY_BUFFER
            case ')' -> stack.push(new PyValue.Tuple(List.of()));
            case 't' -> stack.push(tuple(stack.popMark(KEEP_ITEMS)));
            case 0x85, 0x86, 0x87 -> {
                int n = op - 0x84;
                PyValue[] items = new PyValue[n];
                for (int i = n - 1; i >= 0; i--) {
                    items[i] = stack.pop();
                }
                stack.push(tuple(List.of(items)));
            }
            case ']' -> stack.push(new PyValue.PyList());
            case 'l' -> {
                List<PyValue> items = stack.popMark(KEEP_ITEMS);
                PyValue.PyList list = new PyValue.PyList();
                addAll(list, items);
                stack.push(list);
            }
            case 'a' -> {
                PyValue value = stack.pop();
                if (stack.peek() instanceof PyValue.PyList list) {
                    addAll(list, List.of(value));
                }
            }
            case 'e' -> {
                List<PyValue> items = stack.popMark(KEEP_ITEMS);
                if (stack.peek() instanceof PyValue.PyList list) {
                    addAll(list, items);
                }
            }
            case '}' -> stack.push(new PyValue.Dict());
            case 'd' -> {
                List<PyValue> items = stack.popMark(KEEP_ITEMS);
                PyValue.Dict dict = new PyValue.Dict();
                putAll(dict, items, "DICT", at);
                stack.push(dict);
            }
            case 's' -> {
                PyValue value = stack.pop();
                PyValue key = stack.pop();
                if (stack.peek() instanceof PyValue.Dict dict) {
                    putAll(dict, List.of(key, value), "SETITEM", at);
                }
            }
            case 'u' -> {
                List<PyValue> items = stack.popMark(KEEP_ITEMS);
                PyValue target = stack.peek();
                if (items != null && items.size() % 2 != 0) {
                    throw new Malformed("odd number of items for SETITEMS at byte " + at);
                }
                if (target instanceof PyValue.Dict dict) {
                    putAll(dict, items, "SETITEMS", at);
                }
            }
            case 0x8f -> stack.push(PyValue.Const.SET);
            case 0x90 -> {
                stack.popMark(0);
                stack.peek();
            }
            case 0x91 -> {
                stack.popMark(0);
                stack.push(PyValue.Const.FROZENSET);
            }
            case 'g' -> get(index(line("GET"), "GET", at), at);
            case 'h' -> get(in.readLittleEndian(1, "BINGET"), at);
            case 'j' -> get(in.readLittleEndian(4, "LONG_BINGET"), at);
            case 'p' -> {
                long index = index(line("PUT"), "PUT", at);
                if (index < 0) {
                    throw new Malformed("negative PUT argument at byte " + at);
                }
                put(index, at);
            }
            case 'q' -> put(in.readLittleEndian(1, "BINPUT"), at);
            case 'r' -> put(in.readLittleEndian(4, "LONG_BINPUT"), at);
            case 0x94 -> put(memo.size(), at);
            default -> throw new Malformed(String.format(Locale.ROOT, "unknown opcode 0x%02x at byte %d", op, at));
        }
    }

    /**
     * The name line of GLOBAL/INST. When the data ends there, Python's pure unpickler still imports the module
     * (running its top-level code) before failing on the empty name: that import is recorded, then the walk fails.
     */
    private String nameOf(String module, String what, boolean asciiOnly, long at) throws IOException, Malformed {
        try {
            return nameLine(what, asciiOnly);
        } catch (Malformed e) {
            if (in.atEnd() && PythonText.isDottedIdentifier(module)) {
                importGlobal(module, "", at);
            }
            throw e;
        }
    }

    private PyValue importGlobal(String module, String name, long at) {
        PickleGlobal global = PythonNames.resolve(module, name, proto);
        walk.imports.add(new PickleWalk.Import(global, at));
        PyValue value = new PyValue.Global(global);
        stack.push(value);
        return value;
    }

    private void stackGlobal(long at) throws Malformed {
        PyValue name = stack.pop();
        PyValue module = stack.pop();
        if (module instanceof PyValue.Str m && name instanceof PyValue.Str n) {
            importGlobal(m.value(), n.value(), at);
        } else if (isString(module) && isString(name)) {
            note(at, "non-constant STACK_GLOBAL operand: the import is computed while loading and cannot be judged");
            walk.loaderObjects = true;
            stack.push(PyValue.UNKNOWN);
        } else {
            throw new Malformed("STACK_GLOBAL requires str at byte " + at);
        }
    }

    /** Whether the value could be a str at run time (an unknown value or a call's result may be one). */
    private static boolean isString(PyValue value) {
        return value instanceof PyValue.Str || value == PyValue.UNKNOWN || value instanceof PyValue.Call;
    }

    private void build() throws IOException, Malformed, LimitExceeded {
        PyValue state = stack.pop();
        PyValue target = stack.peek();
        if (target instanceof PyValue.Call call) {
            call.state = state;
            if (hook != null) {
                PyValue replacement = hook.afterBuild(call, in, walk);
                if (replacement != null) {
                    stack.replaceTop(replacement);
                }
            }
        }
    }

    private void get(long index, long at) throws Malformed {
        PyValue value = memo.get(index);
        if (value == null) {
            throw new Malformed("memo slot " + Long.toUnsignedString(index) + " is read before it is written (byte " + at + ")");
        }
        stack.push(value);
    }

    private void put(long index, long at) throws Malformed, LimitExceeded {
        PyValue value = stack.peek();
        if (index > memo.size()) {
            note(at, "memo slot " + index + " written out of sequence (pickle writers number slots 0, 1, 2...)");
        }
        if (memo.put(index, countModeled(value) ? value : PyValue.UNKNOWN)) {
            note(at, "memo slot " + index + " overwritten (pickle writers never reuse a slot)");
        }
    }

    /** Charges the model budget for keeping a value; false once the budget is spent (then unknown is kept). */
    private boolean countModeled(PyValue value) {
        if (value instanceof PyValue.Const || value == PyValue.UNKNOWN) {
            return true;
        }
        return ++modeled <= limits.maxModeled();
    }

    private void addAll(PyValue.PyList list, List<PyValue> items) {
        if (items == null) {
            list.incomplete = true;
            return;
        }
        for (PyValue item : items) {
            if (++modeled > limits.maxModeled()) {
                list.incomplete = true;
                return;
            }
            list.items.add(item);
        }
    }

    private void putAll(PyValue.Dict dict, List<PyValue> items, String opcode, long at) throws Malformed {
        if (items == null) {
            dict.incomplete = true;
            return;
        }
        if (items.size() % 2 != 0) {
            throw new Malformed("odd number of items for " + opcode + " at byte " + at);
        }
        for (int i = 0; i < items.size(); i += 2) {
            if (++modeled > limits.maxModeled()) {
                dict.incomplete = true;
                return;
            }
            dict.keys.add(items.get(i));
            dict.values.add(items.get(i + 1));
        }
    }

    private static PyValue tuple(List<PyValue> items) {
        return items == null ? PyValue.UNKNOWN : new PyValue.Tuple(List.copyOf(items));
    }

    private void note(long at, String text) {
        if (walk.notes.size() < 50) {
            walk.notes.add(new PickleWalk.Note(at, text));
        }
    }

    private static PyValue str(String value) {
        return new PyValue.Str(value);
    }

    // ---- operands ----

    /** A text operand without its newline; at the end of the data Python's pure unpickler drops the last byte. */
    private byte[] line(String what) throws IOException, Malformed {
        ByteCursor.Line line = in.readLine(KEEP);
        lastLineCut = !line.keptAll();
        byte[] kept = line.kept();
        if (!line.complete()) {
            if (line.length() == 0) {
                throw new Malformed("truncated: " + what + " operand missing at the end of the data");
            }
            if (line.keptAll()) {
                kept = java.util.Arrays.copyOf(kept, kept.length - 1);
            }
        }
        return kept;
    }

    /** A name operand; one longer than any real name is kept cut, with a mark that no Python name contains. */
    private String nameLine(String what, boolean asciiOnly) throws IOException, Malformed {
        long at = in.position();
        byte[] bytes = line(what);
        if (!lastLineCut) {
            for (byte b : bytes) {
                if (asciiOnly && b < 0) {
                    throw new Malformed(what + " operand is not ASCII at byte " + at);
                }
            }
            String text = PythonText.utf8(bytes, false);
            if (text == null) {
                throw new Malformed(what + " operand is not UTF-8 at byte " + at);
            }
            return text;
        }
        return PythonText.latin1(bytes) + "\u2026";
    }

    /** STRING: a quoted operand, escape-decoded; kept as latin-1 so non-ASCII bytes survive (never an allowed name). */
    private PyValue quotedString(long at) throws IOException, Malformed {
        byte[] data = line("STRING");
        int n = data.length;
        if (n < 2 || data[0] != data[n - 1] || (data[0] != '\'' && data[0] != '"')) {
            throw new Malformed("the STRING opcode argument must be quoted (byte " + at + ")");
        }
        byte[] decoded = PythonText.escapeDecode(java.util.Arrays.copyOfRange(data, 1, n - 1));
        if (decoded == null) {
            throw new Malformed("STRING operand has an invalid escape at byte " + at);
        }
        return str(PythonText.latin1(decoded));
    }

    private PyValue bytesString(long length, String what) throws IOException, Malformed {
        if (length > KEEP) {
            in.skip(length, what);
            return str("\u2026");
        }
        return str(PythonText.latin1(in.readExactly((int) length, what)));
    }

    private PyValue unicode(long length, long at) throws IOException, Malformed {
        if (length > KEEP) {
            in.skip(length, "a string");
            return str("\u2026");
        }
        String value = PythonText.utf8(in.readExactly((int) length, "a string"), true);
        if (value == null) {
            throw new Malformed("string operand is not UTF-8 at byte " + at);
        }
        return str(value);
    }

    private void skipConst(long length, String what, PyValue.Const value) throws Malformed {
        in.skip(length, what);
        stack.push(value);
    }

    private static long size(long length, long at) throws Malformed {
        if (length < 0 || length > MAX_SIZE) {
            throw new Malformed("length exceeds sys.maxsize at byte " + at);
        }
        return length;
    }

    private PyValue longBytes(long n) throws IOException, Malformed {
        if (n > 64) {
            in.skip(n, "LONG");
            return PyValue.UNKNOWN;
        }
        byte[] le = in.readExactly((int) n, "LONG");
        if (n == 0) {
            return new PyValue.Int(0);
        }
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) {
            be[i] = le[le.length - 1 - i];
        }
        return new PyValue.Int(new BigInteger(be));
    }

    /** INT and LONG lines; "01"/"00" are True/False. Unparsable text is Python's ValueError, modeled as unknown. */
    private PyValue intLine(boolean isLong) throws IOException, Malformed {
        String text = PythonText.latin1(line(isLong ? "LONG" : "INT"));
        if (!isLong && text.equals("01")) {
            return PyValue.Const.TRUE;
        }
        if (!isLong && text.equals("00")) {
            return PyValue.Const.FALSE;
        }
        if (isLong && text.endsWith("L")) {
            text = text.substring(0, text.length() - 1);
        }
        BigInteger value = parsePythonInt(text);
        return value == null ? PyValue.UNKNOWN : new PyValue.Int(value);
    }

    private static long index(byte[] line, String what, long at) throws Malformed {
        BigInteger value = parsePythonInt(PythonText.latin1(line));
        if (value == null) {
            throw new Malformed(what + " index is not a number at byte " + at);
        }
        if (value.bitLength() > 62) {
            throw new Malformed(what + " index out of range at byte " + at);
        }
        return value.longValue();
    }

    /** {@code int(text)}: optional whitespace and sign, decimal digits with single underscores between them. */
    static BigInteger parsePythonInt(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return null;
        }
        int i = t.charAt(0) == '+' || t.charAt(0) == '-' ? 1 : 0;
        if (i == t.length() || t.charAt(i) == '_' || t.charAt(t.length() - 1) == '_' || t.contains("__")) {
            return null;
        }
        StringBuilder digits = new StringBuilder();
        for (int k = i; k < t.length(); k++) {
            char c = t.charAt(k);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c != '_') {
                return null;
            }
        }
        if (digits.length() > 4000) {
            return null; // Python's int() limit on digits
        }
        BigInteger value = new BigInteger(digits.toString());
        return t.charAt(0) == '-' ? value.negate() : value;
    }
}
