package org.hubguard.secrets;

import org.hubguard.access.HubguardException;

/** A commit through the API refused by push protection: 422 SecretDetected, naming files and lines, never the secret. */
public class SecretsFoundException extends HubguardException {

    private static final long serialVersionUID = 1L;

    public SecretsFoundException(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 422;
    }

    @Override
    public String errorCode() {
        return "SecretDetected";
    }
}
