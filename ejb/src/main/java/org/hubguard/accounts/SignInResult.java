package org.hubguard.accounts;

import java.time.Instant;

/** The outcome of a sign-in attempt. */
public sealed interface SignInResult {

    record SignedIn(String username, boolean admin) implements SignInResult {
    }

    /** Unknown account or wrong password: the two are not told apart. */
    record Rejected() implements SignInResult {
    }

    /** Too many failures in a row; no password is checked until the lock ends. */
    record Locked(Instant until) implements SignInResult {
    }
}
