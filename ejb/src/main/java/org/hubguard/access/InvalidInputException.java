package org.hubguard.access;

import jakarta.ejb.ApplicationException;

/** Bad input (a malformed name, an unknown role); the message says what is wrong, nothing is stored. */
@ApplicationException(rollback = true)
public class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }
}
