package org.hubguard.tokens;

import org.hubguard.access.Caller;

/** The outcome of presenting a token: the caller it stands for, or why it was refused. */
public sealed interface TokenCheck {

    record Valid(Caller caller) implements TokenCheck {
    }

    /** The reason is safe to show: it never repeats the token. */
    record Refused(String reason) implements TokenCheck {
    }
}
