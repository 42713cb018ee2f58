package org.hubguard.access;

import jakarta.ejb.ApplicationException;

/**
 * Every refusal hubguard explains to its caller: an HTTP status, the Hub's {@code X-Error-Code} where it has
 * one, and a message for the user. Thrown anywhere in the domain; rendered once per channel (JSON for the
 * API, git and downloads; a message on pages). Nothing is changed: the transaction rolls back.
 */
@ApplicationException(rollback = true, inherited = true)
public abstract class HubguardException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected HubguardException(String message) {
        super(message);
    }

    /** The HTTP status that describes this refusal. */
    public abstract int status();

    /** The Hub's {@code X-Error-Code} (e.g. RepoNotFound), or null. */
    public String errorCode() {
        return null;
    }
}
