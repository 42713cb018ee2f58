package org.hubguard.scanning.engine;

import java.util.ArrayList;
import java.util.List;

/** What walking one pickle found: its imports, its suspicious structure, where it ended and why it stopped early. */
final class PickleWalk {

    record Import(PickleGlobal global, long position) {
    }

    record Note(long position, String text) {
    }

    final long start;
    final List<Import> imports = new ArrayList<>();
    final List<Note> notes = new ArrayList<>();
    final List<PyValue> persistentIds = new ArrayList<>();
    long end;
    boolean stopped;
    PyValue value;
    /** Why Python would fail to load it (or hubguard gave up: {@link #limited}), or null. */
    String failure;
    boolean limited;
    /** EXT, PERSID or a STACK_GLOBAL of computed operands: the loader hands out objects hubguard cannot see. */
    boolean loaderObjects;
    /** A BUILD of joblib's NumpyArrayWrapper was seen: joblib and pickle.load read the bytes after it differently. */
    long firstJoblibArray = -1;

    PickleWalk(long start) {
        this.start = start;
    }

    /**
     * Whether the walk got far enough to run something: an import of a module that can exist (importing runs the
     * module's code, whatever the name) or a loader-provided object.
     */
    boolean reachesCode() {
        return loaderObjects || imports.stream().anyMatch(i -> PythonText.isDottedIdentifier(i.global().module()));
    }
}
