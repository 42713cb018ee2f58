package org.hubguard.scanning.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The unpickler's stack and its marks, as CPython's C unpickler keeps them (one stack, a list of mark
 * positions). Repeats of the same value are stored as runs, so a file of a billion pushes costs no memory.
 */
final class ValueStack {

    private final int maxMarks;
    private PyValue[] values = new PyValue[32];
    private long[] counts = new long[32];
    private int runs;
    private long size;
    private long[] marks = new long[16];
    private int markCount;

    ValueStack(int maxMarks) {
        this.maxMarks = maxMarks;
    }

    long size() {
        return size;
    }

    private long fence() {
        return markCount == 0 ? 0 : marks[markCount - 1];
    }

    void push(PyValue value) {
        if (runs > 0 && values[runs - 1] == value) {
            counts[runs - 1]++;
        } else {
            if (runs == values.length) {
                values = java.util.Arrays.copyOf(values, runs * 2);
                counts = java.util.Arrays.copyOf(counts, runs * 2);
            }
            values[runs] = value;
            counts[runs] = 1;
            runs++;
        }
        size++;
    }

    PyValue pop() throws Malformed {
        PyValue top = peek();
        if (--counts[runs - 1] == 0) {
            values[--runs] = null;
        }
        size--;
        return top;
    }

    PyValue peek() throws Malformed {
        if (size <= fence()) {
            throw new Malformed("unpickling stack underflow");
        }
        return values[runs - 1];
    }

    void replaceTop(PyValue value) throws Malformed {
        pop();
        push(value);
    }

    void mark() throws LimitExceeded {
        if (markCount == maxMarks) {
            throw new LimitExceeded("more than " + maxMarks + " nested MARKs");
        }
        if (markCount == marks.length) {
            marks = java.util.Arrays.copyOf(marks, markCount * 2);
        }
        marks[markCount++] = size;
    }

    boolean hasMark() {
        return markCount > 0;
    }

    /** POP: the top value, or the mark when nothing was pushed after it. */
    void popOrMark() throws Malformed {
        if (size > fence()) {
            pop();
        } else if (markCount > 0) {
            markCount--;
        } else {
            throw new Malformed("unpickling stack underflow");
        }
    }

    /**
     * Pops everything above the last mark, and the mark. Returns the values bottom first, or null when there are
     * more than {@code keep} (too many to model; they are popped all the same).
     */
    List<PyValue> popMark(int keep) throws Malformed {
        if (markCount == 0) {
            throw new Malformed("could not find MARK");
        }
        long target = marks[--markCount];
        long count = size - target;
        List<PyValue> items = count <= keep ? new ArrayList<>((int) count) : null;
        while (size > target) {
            long inRun = Math.min(counts[runs - 1], size - target);
            if (items != null) {
                for (long i = 0; i < inRun; i++) {
                    items.add(values[runs - 1]);
                }
            }
            counts[runs - 1] -= inRun;
            size -= inRun;
            if (counts[runs - 1] == 0) {
                values[--runs] = null;
            }
        }
        if (items != null) {
            java.util.Collections.reverse(items);
        }
        return items;
    }
}
