package org.hubguard.tokens;

import jakarta.ejb.ApplicationException;

/** Bad input to a token operation; the message is for the user and nothing is stored. */
@ApplicationException(rollback = true)
public class TokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TokenException(String message) {
        super(message);
    }
}
