package org.hubguard.scanning.engine;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * numpy's .npy: magic, version, a header that is a Python dict literal, then the data. An array of objects
 * ({@code 'O'} anywhere in its type) is stored as a pickle, which {@code np.load(allow_pickle=True)} runs: judged
 * as one. Plain arrays must hold exactly the bytes their shape and type need.
 */
final class NpyScanner {

    private static final int MAX_HEADER = 1 << 20;
    private static final Set<Object> KEYS = Set.of("descr", "fortran_order", "shape");

    private NpyScanner() {
    }

    static String scan(ScanContext ctx, RandomAccessSource data, String at) throws IOException, Malformed {
        if (data.size() < 10) {
            throw new Malformed("truncated .npy header");
        }
        byte[] h = ZipArchive.read(data, 0, 12 > data.size() ? 10 : 12);
        int major = h[6] & 0xff;
        long headerLength;
        long start;
        if (major == 1) {
            headerLength = ZipArchive.le16(h, 8);
            start = 10;
        } else if ((major == 2 || major == 3) && h.length == 12) {
            headerLength = ZipArchive.le32u(h, 8);
            start = 12;
        } else {
            throw new Malformed(".npy format version " + major + " is unknown");
        }
        if (headerLength > MAX_HEADER || start + headerLength > data.size()) {
            throw new Malformed(".npy header of " + headerLength + " bytes does not fit");
        }
        byte[] raw = ZipArchive.read(data, start, (int) headerLength);
        String text = major == 3 ? PythonText.utf8(raw, false) : new String(raw, StandardCharsets.ISO_8859_1);
        if (text == null) {
            throw new Malformed(".npy header is not UTF-8");
        }
        if (!(PythonLiteral.parse(text) instanceof Map<?, ?> header) || !header.keySet().equals(KEYS)) {
            throw new Malformed(".npy header is not a dict of descr, fortran_order and shape");
        }
        BigInteger count = count(header.get("shape"));
        if (!(header.get("fortran_order") instanceof Boolean)) {
            throw new Malformed(".npy fortran_order is not a bool");
        }
        long dataStart = start + headerLength;
        NumpyDtype.Kind kind = kind(header.get("descr"));
        if (kind == null) {
            ctx.error(at, ".npy array of a numpy type hubguard does not know: " + header.get("descr"));
            PickleStreams.scan(ctx, data, dataStart, ScanContext.child(at, "[array data]"), false);
            return "numpy";
        }
        if (kind.object()) {
            PickleStreams.scan(ctx, data, dataStart, ScanContext.child(at, "[object array]"), true);
            ctx.format(at, Rating.INNOCUOUS, "numpy .npy array of Python objects: stored as a pickle, judged as one");
            return "numpy(pickle)";
        }
        BigInteger need = count.multiply(BigInteger.valueOf(kind.itemSize()));
        BigInteger have = BigInteger.valueOf(data.size() - dataStart);
        int cmp = have.compareTo(need);
        if (cmp < 0) {
            throw new Malformed(".npy data is truncated: " + have + " bytes where the header needs " + need);
        }
        if (cmp > 0) {
            ctx.format(at, Rating.SUSPICIOUS, ".npy file has " + have.subtract(need) + " bytes after its array data, which numpy ignores");
        }
        return "numpy";
    }

    private static BigInteger count(Object shape) throws Malformed {
        if (!(shape instanceof PythonLiteral.Tuple tuple)) {
            throw new Malformed(".npy shape is not a tuple");
        }
        BigInteger count = BigInteger.ONE;
        for (Object dim : tuple.items()) {
            BigInteger n = dim instanceof Boolean b ? (b ? BigInteger.ONE : BigInteger.ZERO) : dim instanceof BigInteger i ? i : null;
            if (n == null || n.signum() < 0) {
                throw new Malformed(".npy shape holds something other than sizes");
            }
            count = count.multiply(n);
        }
        return count;
    }

    /** The element kind of a descr: a type string, a (type, shape) subarray, or a list of fields. Null if unknown. */
    static NumpyDtype.Kind kind(Object descr) throws Malformed {
        if (descr instanceof String s) {
            return NumpyDtype.of(s);
        }
        if (descr instanceof PythonLiteral.Tuple t && t.items().size() == 2) {
            NumpyDtype.Kind inner = kind(t.items().get(0));
            Object shape = t.items().get(1);
            BigInteger n = shape instanceof BigInteger i ? i : count(shape);
            BigInteger size = n.multiply(BigInteger.valueOf(inner == null ? 0 : inner.itemSize()));
            if (inner == null || n.signum() < 0 || size.bitLength() > 62) {
                return null;
            }
            return new NumpyDtype.Kind(inner.object(), size.longValue());
        }
        if (descr instanceof List<?> fields) {
            boolean object = false;
            long size = 0;
            for (Object field : fields) {
                if (!(field instanceof PythonLiteral.Tuple f) || f.items().size() < 2 || f.items().size() > 3) {
                    return null;
                }
                Object type = f.items().size() == 3 ? new PythonLiteral.Tuple(List.of(f.items().get(1), f.items().get(2))) : f.items().get(1);
                NumpyDtype.Kind k = kind(type);
                if (k == null) {
                    return null;
                }
                object |= k.object();
                size += k.itemSize();
                if (size < 0 || size > 1L << 62) {
                    return null;
                }
            }
            return new NumpyDtype.Kind(object, size);
        }
        return null;
    }
}
