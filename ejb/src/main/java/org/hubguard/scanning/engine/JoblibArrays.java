package org.hubguard.scanning.engine;

import java.io.IOException;
import java.math.BigInteger;

/**
 * joblib's file format: {@code joblib.dump} writes each numpy array as a {@code NumpyArrayWrapper} object and then
 * the array's bytes, raw, in the middle of the pickle (after one padding-length byte and the padding, since joblib
 * 1.2); object arrays are a whole nested pickle instead. joblib's unpickler reads them after the wrapper's BUILD;
 * this hook does the same, so the walk goes on where joblib goes on (and the nested pickle is judged too).
 */
final class JoblibArrays implements PickleWalker.BuildHook {

    private final ScanContext ctx;
    private final String location;

    JoblibArrays(ScanContext ctx, String location) {
        this.ctx = ctx;
        this.location = location;
    }

    @Override
    public PyValue afterBuild(PyValue.Call wrapper, ByteCursor in, PickleWalk walk) throws IOException, Malformed {
        if (!wrapper.calls("joblib.numpy_pickle", "NumpyArrayWrapper")) {
            return null;
        }
        long at = in.position();
        if (walk.firstJoblibArray < 0) {
            walk.firstJoblibArray = at;
        }
        if (!(wrapper.state instanceof PyValue.Dict state) || state.incomplete) {
            throw new Malformed("joblib array wrapper without its attributes at byte " + at);
        }
        BigInteger count = count(state.get("shape"), at);
        if (isObjectArray(state.get("dtype"), at)) {
            PickleWalk nested = PickleWalker.walk(in, ctx.limits, null); // joblib calls plain pickle.load here
            String where = location + (location.isEmpty() ? "" : " ") + "joblib object array at byte " + at;
            nested.imports.forEach(i -> ctx.importFound(where, i.global()));
            nested.notes.forEach(n -> ctx.format(where, Rating.SUSPICIOUS, n.text() + " (byte " + n.position() + ")"));
            if (!nested.stopped) {
                throw new Malformed("joblib object array at byte " + at + ": " + nested.failure);
            }
            return PyValue.UNKNOWN;
        }
        long itemSize = itemSize(state.get("dtype"), at);
        PyValue alignment = state.get("numpy_array_alignment_bytes");
        if (alignment instanceof PyValue.Int) {
            int padding = in.read();
            if (padding < 0) {
                throw new Malformed("truncated: joblib array padding at byte " + at);
            }
            in.skip(padding, "joblib array padding");
        } else if (alignment != null && alignment != PyValue.Const.NONE) {
            throw new Malformed("joblib array alignment is not a number at byte " + at);
        }
        BigInteger bytes = count.multiply(BigInteger.valueOf(itemSize));
        if (bytes.bitLength() > 62) {
            throw new Malformed("joblib array of " + bytes + " bytes at byte " + at);
        }
        in.skip(bytes.longValue(), "joblib array data");
        return PyValue.UNKNOWN;
    }

    private static BigInteger count(PyValue shape, long at) throws Malformed {
        if (!(shape instanceof PyValue.Tuple tuple)) {
            throw new Malformed("joblib array shape is not a tuple at byte " + at);
        }
        BigInteger count = BigInteger.ONE;
        for (PyValue dim : tuple.items()) {
            if (!(dim instanceof PyValue.Int n) || n.value().signum() < 0) {
                throw new Malformed("joblib array shape is not made of sizes at byte " + at);
            }
            count = count.multiply(n.value());
        }
        return count;
    }

    /** joblib asks {@code dtype.hasobject}, which numpy takes from the flags in the dtype's pickled state. */
    private boolean isObjectArray(PyValue dtype, long at) throws Malformed {
        PyValue.Tuple args = dtypeArgs(dtype, at);
        NumpyDtype.Kind kind = args.items().get(0) instanceof PyValue.Str s ? NumpyDtype.of(s.value()) : null;
        PyValue state = ((PyValue.Call) dtype).state;
        if (state == null) {
            if (kind == null) {
                throw new Malformed("joblib array of an unknown numpy type at byte " + at);
            }
            return kind.object();
        }
        if (!(state instanceof PyValue.Tuple t) || t.items().size() < 8 || !(t.items().get(7) instanceof PyValue.Int flags)) {
            throw new Malformed("joblib array with an unreadable numpy type state at byte " + at);
        }
        boolean object = flags.value().testBit(0);
        boolean structured = t.items().get(3) != PyValue.Const.NONE;
        if (kind != null && !structured && kind.object() != object) {
            ctx.format(location, Rating.SUSPICIOUS, "joblib array at byte " + at + ": its numpy type's flags contradict the type"
                    + " (numpy then reads raw bytes as object pointers, or objects as bytes)");
        }
        return object;
    }

    private static long itemSize(PyValue dtype, long at) throws Malformed {
        PyValue.Tuple args = dtypeArgs(dtype, at);
        PyValue state = ((PyValue.Call) dtype).state;
        if (state instanceof PyValue.Tuple t && t.items().size() > 5 && t.items().get(5) instanceof PyValue.Int elsize
                && elsize.value().signum() > 0) {
            if (elsize.value().bitLength() > 31) {
                throw new Malformed("joblib array element of absurd size at byte " + at);
            }
            return elsize.value().longValue();
        }
        NumpyDtype.Kind kind = args.items().get(0) instanceof PyValue.Str s ? NumpyDtype.of(s.value()) : null;
        if (kind == null) {
            throw new Malformed("joblib array of an unknown numpy type at byte " + at);
        }
        return kind.itemSize(); // an object type read as bytes (flags say so) is pointer-sized
    }

    private static PyValue.Tuple dtypeArgs(PyValue dtype, long at) throws Malformed {
        if (dtype instanceof PyValue.Call call && call.calls("numpy", "dtype") && call.args instanceof PyValue.Tuple args
                && !args.items().isEmpty()) {
            return args;
        }
        throw new Malformed("joblib array without a numpy dtype at byte " + at);
    }
}
