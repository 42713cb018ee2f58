package org.hubguard.scanning;

import org.hubguard.access.HubguardException;

/** A download refused because the scanners found the file unsafe (403, X-Error-Code UnsafeFile). */
public class UnsafeFileException extends HubguardException {

    private static final long serialVersionUID = 1L;

    public UnsafeFileException(String path, FileSecurity security) {
        super(path + " is not served: the scanners found it unsafe (" + security.findings()
                + "). The repository's owner can allow such downloads in the repository settings.");
    }

    @Override
    public int status() {
        return 403;
    }

    @Override
    public String errorCode() {
        return "UnsafeFile";
    }
}
