package org.hubguard.scanning.engine;

/** The bytes are not what their format requires; the loader would fail here (or read something else). */
final class Malformed extends Exception {

    private static final long serialVersionUID = 1L;

    Malformed(String message) {
        super(message);
    }
}
