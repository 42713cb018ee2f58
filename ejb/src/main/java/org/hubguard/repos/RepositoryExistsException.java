package org.hubguard.repos;

import org.hubguard.access.ConflictException;

/** A repository with that name exists already (409): the answer names it, since the Hub's clients read its URL. */
public class RepositoryExistsException extends ConflictException {

    private static final long serialVersionUID = 1L;

    private final RepoRef existing;

    RepositoryExistsException(RepoRef existing) {
        super("You already created this " + existing.type().wireName() + " repo: " + existing.fullName() + " exists.");
        this.existing = existing;
    }

    public RepoRef existing() {
        return existing;
    }
}
