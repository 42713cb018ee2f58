package org.hubguard.access;

/** A refusal that fits no other kind, with its own status (405, 413, 416, 429 ...). */
public class RequestRefusedException extends HubguardException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public RequestRefusedException(int status, String message) {
        super(message);
        this.status = status;
    }

    @Override
    public int status() {
        return status;
    }
}
