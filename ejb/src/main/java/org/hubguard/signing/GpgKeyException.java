package org.hubguard.signing;

import jakarta.ejb.ApplicationException;

import org.hubguard.access.InvalidInputException;

/** A pasted key that cannot be used; the message says why, for the user. Nothing is stored. */
@ApplicationException(rollback = true)
public class GpgKeyException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    public GpgKeyException(String message) {
        super(message);
    }
}
