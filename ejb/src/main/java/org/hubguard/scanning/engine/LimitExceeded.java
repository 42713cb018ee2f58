package org.hubguard.scanning.engine;

/** Judging the file would take more memory, depth or output than allowed (a bomb, or absurd nesting). */
final class LimitExceeded extends Exception {

    private static final long serialVersionUID = 1L;

    LimitExceeded(String message) {
        super(message);
    }
}
