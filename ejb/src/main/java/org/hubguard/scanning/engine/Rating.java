package org.hubguard.scanning.engine;

import java.util.Locale;

/** How one import or format feature is judged; the worst one decides the file's verdict. */
public enum Rating {
    /** On the allow-list: inert in ML checkpoints. */
    INNOCUOUS,
    /** Not known to be inert: unknown code runs when the file is loaded, or the file is built to mislead. */
    SUSPICIOUS,
    /** Known to run code, touch files or the network, or load more code. */
    DANGEROUS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
