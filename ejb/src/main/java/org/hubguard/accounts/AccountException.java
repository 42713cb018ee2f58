package org.hubguard.accounts;

import jakarta.ejb.ApplicationException;

import org.hubguard.access.InvalidInputException;

/**
 * Bad input to an account operation. The message is meant for the user; the transaction is rolled back,
 * so nothing is stored.
 */
@ApplicationException(rollback = true)
public class AccountException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    /** The form field the problem belongs to, or null for the whole form. */
    private final String field;

    public AccountException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String getField() {
        return field;
    }
}
