package org.hubguard.repos;

import org.hubguard.access.HubguardException;

/**
 * The repository a request names was renamed or moved: the caller may read it under its new name, and is
 * sent there (307, as the Hub does). Entry points whose URL names the repository redirect; others (a name
 * in a request body) answer 404 with this message.
 */
public class RepositoryMovedException extends HubguardException {

    private static final long serialVersionUID = 1L;

    private final RepoRef from;
    private final RepoRef to;

    public RepositoryMovedException(RepoRef from, RepoRef to) {
        super("Repository " + from.fullName() + " was moved to " + to.fullName() + ".");
        this.from = from;
        this.to = to;
    }

    public RepoRef from() {
        return from;
    }

    public RepoRef to() {
        return to;
    }

    @Override
    public int status() {
        return 307;
    }

    @Override
    public String errorCode() {
        return "RepoNotFound"; // what clients that do not follow the redirect should take it for
    }
}
