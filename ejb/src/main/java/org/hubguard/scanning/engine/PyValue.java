package org.hubguard.scanning.engine;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * What the walker knows about a value on the unpickler's stack: constants it can read (strings, integers and
 * containers of them), imports, and the objects calls would return (with their arguments and state, never
 * executed). Everything else is {@link #UNKNOWN}; a value known to be no string is a {@link Const}.
 */
sealed interface PyValue {

    PyValue UNKNOWN = new Unknown();

    /** An object whose value cannot be known without running the pickle (a call's result, a persistent id...). */
    final class Unknown implements PyValue {
        private Unknown() {
        }
    }

    /** A value of a known type that is not a str (None, bool, float, bytes, set...). */
    enum Const implements PyValue { NONE, TRUE, FALSE, FLOAT, BYTES, BYTEARRAY, SET, FROZENSET, BUFFER }

    record Str(String value) implements PyValue {
    }

    record Int(BigInteger value) implements PyValue {
        Int(long v) {
            this(BigInteger.valueOf(v));
        }
    }

    record Tuple(List<PyValue> items) implements PyValue {
    }

    /** A list (mutable: APPEND changes it wherever the memo shares it); incomplete when too large to model. */
    final class PyList implements PyValue {
        final List<PyValue> items = new ArrayList<>();
        boolean incomplete;
    }

    /** A dict as key/value pairs in insertion order (mutable); incomplete when too large to model. */
    final class Dict implements PyValue {
        final List<PyValue> keys = new ArrayList<>();
        final List<PyValue> values = new ArrayList<>();
        boolean incomplete;

        PyValue get(String key) {
            for (int i = keys.size() - 1; i >= 0; i--) {
                if (keys.get(i) instanceof Str s && s.value().equals(key)) {
                    return values.get(i);
                }
            }
            return null;
        }
    }

    /** The result of an import. */
    record Global(PickleGlobal ref) implements PyValue {
    }

    /** What calling {@code callable} with {@code args} would return; BUILD records its state. */
    final class Call implements PyValue {
        final PyValue callable;
        final PyValue args;
        PyValue state;

        Call(PyValue callable, PyValue args) {
            this.callable = callable;
            this.args = args;
        }

        /** Whether the call is {@code module.name(...)} or {@code module.name.__new__(...)}. */
        boolean calls(String module, String name) {
            return callable instanceof Global g && g.ref().module().equals(module) && g.ref().name().equals(name);
        }
    }

    /** What the loader's persistent_load returns for this id (torch: a storage). */
    record Persistent(PyValue id) implements PyValue {
    }
}
