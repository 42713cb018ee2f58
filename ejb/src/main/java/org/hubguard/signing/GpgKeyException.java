package org.hubguard.signing;

import jakarta.ejb.ApplicationException;

/** A pasted key that cannot be used; the message says why, for the user. Nothing is stored. */
@ApplicationException(rollback = true)
public class GpgKeyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GpgKeyException(String message) {
        super(message);
    }
}
