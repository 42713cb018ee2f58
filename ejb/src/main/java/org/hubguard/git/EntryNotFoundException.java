package org.hubguard.git;

import org.hubguard.access.NotFoundException;

/** No such file or folder at a revision that exists: 404 EntryNotFound, with the commit for X-Repo-Commit. */
public class EntryNotFoundException extends NotFoundException {

    private static final long serialVersionUID = 1L;

    private final String commit;

    public EntryNotFoundException(String message, String commit) {
        super("EntryNotFound", message);
        this.commit = commit;
    }

    /** The commit the revision named, or null. */
    public String commit() {
        return commit;
    }
}
