package org.hubguard.scanning.engine;

import java.util.Locale;

/** A file's verdict. Only SAFE may be shown as safe; the others are ordered by what a user must know first. */
public enum Verdict {
    /** Every import is on the allow-list and every format parsed cleanly (or the file runs nothing when loaded). */
    SAFE,
    /** Something not known to be inert, or a file built to mislead scanners and loaders. */
    SUSPICIOUS,
    /** The file could not be judged completely (malformed, truncated, a bomb, too deep): not safe. */
    ERROR,
    /** Loading the file runs code known to be dangerous. */
    UNSAFE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Verdict fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
