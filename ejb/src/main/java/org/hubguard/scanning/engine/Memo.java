package org.hubguard.scanning.engine;

import java.util.HashMap;
import java.util.Map;

/**
 * The unpickler's memo. Indices are whatever the pickle says (PUT may name any slot; MEMOIZE uses the number of
 * slots in use, exactly as Python does); small indices live in an array, others in a bounded map.
 */
final class Memo {

    private static final int DENSE_LIMIT = 1 << 22;
    private final int maxSparse;
    private PyValue[] dense = new PyValue[64];
    private final Map<Long, PyValue> sparse = new HashMap<>();
    private long count;

    Memo(int maxSparse) {
        this.maxSparse = maxSparse;
    }

    long size() {
        return count;
    }

    /** Stores the value; returns whether the slot was already in use. */
    boolean put(long index, PyValue value) throws LimitExceeded {
        if (index >= 0 && index < DENSE_LIMIT) {
            int i = (int) index;
            if (i >= dense.length) {
                dense = java.util.Arrays.copyOf(dense, Math.max(i + 1, Math.min(DENSE_LIMIT, dense.length * 2)));
            }
            boolean used = dense[i] != null;
            dense[i] = value;
            if (!used) {
                count++;
            }
            return used;
        }
        if (!sparse.containsKey(index) && sparse.size() >= maxSparse) {
            throw new LimitExceeded("more than " + maxSparse + " memo slots at large indices");
        }
        boolean used = sparse.put(index, value) != null;
        if (!used) {
            count++;
        }
        return used;
    }

    PyValue get(long index) {
        if (index >= 0 && index < DENSE_LIMIT) {
            return index < dense.length ? dense[(int) index] : null;
        }
        return sparse.get(index);
    }
}
