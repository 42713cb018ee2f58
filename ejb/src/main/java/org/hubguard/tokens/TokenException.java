package org.hubguard.tokens;

import jakarta.ejb.ApplicationException;

import org.hubguard.access.InvalidInputException;

/** Bad input to a token operation; the message is for the user and nothing is stored. */
@ApplicationException(rollback = true)
public class TokenException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    public TokenException(String message) {
        super(message);
    }
}
