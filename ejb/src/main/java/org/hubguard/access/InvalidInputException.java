package org.hubguard.access;

import jakarta.ejb.ApplicationException;

/**
 * Bad input (a malformed name, an unknown role); the message says what is wrong, nothing is stored. The
 * API answers 400; subclasses (account, token, key input) only add context for the pages.
 */
@ApplicationException(rollback = true)
public class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }
}
