package org.hubguard.web.git;

import jakarta.enterprise.context.RequestScoped;

import org.hubguard.repos.RepoContext;

/**
 * The repository a git request is about, as {@link HubRepositoryResolver} found it at the start of JGit's
 * pipeline, for the factories that JGit calls later in the same request.
 */
@RequestScoped
public class ResolvedRepository {

    private RepoContext repo;

    void set(RepoContext repo) {
        this.repo = repo;
    }

    RepoContext get() {
        if (repo == null) {
            throw new IllegalStateException("No repository was resolved for this git request");
        }
        return repo;
    }
}
