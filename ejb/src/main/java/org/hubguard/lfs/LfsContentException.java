package org.hubguard.lfs;

import org.hubguard.access.HubguardException;

/** Uploaded bytes that are not the object they claim to be (hash or size differ): 422, nothing stored. */
public class LfsContentException extends HubguardException {

    private static final long serialVersionUID = 1L;

    public LfsContentException(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 422;
    }
}
