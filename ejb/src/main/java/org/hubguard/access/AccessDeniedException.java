package org.hubguard.access;

/**
 * The caller may not do what it asked; the message is for the user. 401 when nobody was signed in (the
 * client should authenticate), else 403.
 */
public class AccessDeniedException extends HubguardException {

    private static final long serialVersionUID = 1L;

    private final Denial denial;

    public AccessDeniedException(Denial denial) {
        super(denial.message());
        this.denial = denial;
    }

    public Denial denial() {
        return denial;
    }

    @Override
    public int status() {
        return denial == Denial.NOT_SIGNED_IN ? 401 : 403;
    }
}
