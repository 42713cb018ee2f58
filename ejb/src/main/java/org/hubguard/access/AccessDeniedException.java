package org.hubguard.access;

import jakarta.ejb.ApplicationException;

/**
 * The caller may not do what it asked; the message is for the user. Nothing is changed. The API answers
 * 401 when nobody was signed in, else 403.
 */
@ApplicationException(rollback = true)
public class AccessDeniedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String message) {
        super(message);
    }
}
