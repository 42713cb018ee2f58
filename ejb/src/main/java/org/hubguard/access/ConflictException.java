package org.hubguard.access;

/** The request clashes with what exists (a taken name, the last admin): 409. */
public class ConflictException extends HubguardException {

    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 409;
    }
}
