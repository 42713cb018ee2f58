package org.hubguard.repos;

import org.hubguard.access.Action;
import org.hubguard.access.Caller;
import org.hubguard.access.Permissions;

/**
 * A repository the caller may read, with the caller's permissions on it computed once: what every entry
 * point (git, the API, pages) resolves at the start of a request and then asks. Only
 * {@link RepositoryService} makes these, so holding one proves the repository was found and may be read.
 */
public final class RepoContext {

    private final Repository repository;
    private final Permissions permissions;

    RepoContext(Repository repository, Permissions permissions) {
        this.repository = repository;
        this.permissions = permissions;
    }

    public Repository repository() {
        return repository;
    }

    public long id() {
        return repository.getId();
    }

    public Caller caller() {
        return permissions.caller();
    }

    public boolean can(Action action) {
        return permissions.can(action);
    }

    /** Refuses with the policy's reason when the caller may not. */
    public void require(Action action) {
        permissions.require(action);
    }

    public Permissions permissions() {
        return permissions;
    }
}
