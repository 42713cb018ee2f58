package org.hubguard.accounts;

/** An account's email address became verified (by its link or by an administrator). */
public record EmailVerified(String username) {
}
