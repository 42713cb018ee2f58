package org.hubguard.access;

import jakarta.ejb.ApplicationException;

/** The request clashes with what exists (a taken name, the last admin); nothing is changed. */
@ApplicationException(rollback = true)
public class ConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }
}
