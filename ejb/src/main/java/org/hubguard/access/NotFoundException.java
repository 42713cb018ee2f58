package org.hubguard.access;

/**
 * Nothing there, or nothing the caller may see: a private repository the caller may not read is reported
 * exactly like a missing one, so its existence does not leak. {@code code} is the Hub's X-Error-Code.
 */
public class NotFoundException extends HubguardException {

    private static final long serialVersionUID = 1L;

    private final String code;

    public NotFoundException(String code, String message) {
        super(message);
        this.code = code;
    }

    @Override
    public int status() {
        return 404;
    }

    @Override
    public String errorCode() {
        return code;
    }
}
