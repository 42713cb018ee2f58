package org.hubguard.scanning.engine;

import java.io.IOException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * torch.save's legacy format ({@code _use_new_zipfile_serialization=False}): five pickles in a row (magic number,
 * protocol version, system info, the object, the storage keys), then each storage's element count and raw bytes.
 * {@code torch.load} unpickles all five, so each is judged; the raw storages are checked against the keys.
 */
final class LegacyTorch {

    static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    static final int PICKLES = 5;

    private static final Map<String, Integer> ELEMENT_SIZES = Map.ofEntries(
            Map.entry("FloatStorage", 4), Map.entry("DoubleStorage", 8), Map.entry("HalfStorage", 2),
            Map.entry("BFloat16Storage", 2), Map.entry("LongStorage", 8), Map.entry("IntStorage", 4),
            Map.entry("ShortStorage", 2), Map.entry("CharStorage", 1), Map.entry("ByteStorage", 1),
            Map.entry("BoolStorage", 1), Map.entry("ComplexFloatStorage", 8), Map.entry("ComplexDoubleStorage", 16),
            Map.entry("QUInt8Storage", 1), Map.entry("QInt8Storage", 1), Map.entry("QInt32Storage", 4),
            Map.entry("QUInt4x2Storage", 1), Map.entry("QUInt2x4Storage", 1), Map.entry("UntypedStorage", 1));

    private LegacyTorch() {
    }

    /** Whether the first pickle is torch's magic number (a legacy checkpoint; torch.load checks it after loading). */
    static boolean isMagic(PyValue value) {
        return value instanceof PyValue.Int i && i.value().equals(MAGIC);
    }

    /**
     * Reads past the raw storages that follow the five pickles. Returns null when every storage key has its data,
     * else what is wrong (the cursor is then where reading stopped).
     */
    static String skipStorages(List<PickleWalk> walks, ByteCursor in) throws IOException {
        Map<String, Integer> sizes = new HashMap<>();
        for (PyValue pid : walks.get(3).persistentIds) {
            if (pid instanceof PyValue.Tuple t && t.items().size() >= 5 && t.items().get(1) instanceof PyValue.Global type
                    && t.items().get(2) instanceof PyValue.Str key) {
                Integer size = ELEMENT_SIZES.get(type.ref().name());
                if (size != null && type.ref().module().startsWith("torch")) {
                    sizes.put(key.value(), size);
                }
            }
        }
        if (!(walks.get(4).value instanceof PyValue.PyList keys) || keys.incomplete) {
            return "the fifth pickle is not the list of storage keys";
        }
        try {
            for (PyValue key : keys.items) {
                Integer size = key instanceof PyValue.Str s ? sizes.get(s.value()) : null;
                if (size == null) {
                    return "storage key " + describe(key) + " is not one of the checkpoint's storages";
                }
                long count = in.readLittleEndian(8, "storage size");
                if (count < 0 || count > in.remaining() / size) {
                    return "storage " + describe(key) + " claims " + Long.toUnsignedString(count) + " elements, more than the file holds";
                }
                in.skip(count * size, "storage data");
            }
        } catch (Malformed e) {
            return e.getMessage();
        }
        return null;
    }

    private static String describe(PyValue key) {
        return key instanceof PyValue.Str s ? "'" + s.value() + "'" : "(not a string)";
    }
}
