package org.hubguard.access;

/** The policy's answer: allowed, or refused with a {@link Denial} that says why. */
public record Decision(Action action, Denial denial) {

    static Decision allow(Action action) {
        return new Decision(action, null);
    }

    static Decision deny(Action action, Denial denial) {
        return new Decision(action, denial);
    }

    public boolean allowed() {
        return denial == null;
    }

    /** Throws {@link AccessDeniedException} with the reason when refused. */
    public void orThrow() {
        if (!allowed()) {
            throw new AccessDeniedException(denial);
        }
    }
}
