package org.hubguard.access;

/**
 * Bad input (a malformed name, an unknown role): 400, the message says what is wrong, nothing is stored.
 * Subclasses (account, token, key input) only add context for the pages.
 */
public class InvalidInputException extends HubguardException {

    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 400;
    }
}
