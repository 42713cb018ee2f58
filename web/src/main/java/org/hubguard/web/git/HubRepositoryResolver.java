package org.hubguard.web.git;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.resolver.RepositoryResolver;
import org.eclipse.jgit.transport.resolver.ServiceNotAuthorizedException;
import org.hubguard.access.Caller;
import org.hubguard.access.NotFoundException;
import org.hubguard.git.GitStorage;
import org.hubguard.repos.RepoContext;
import org.hubguard.repos.RepoRef;
import org.hubguard.repos.RepositoryService;
import org.hubguard.web.auth.CurrentCaller;

/**
 * The first step of every git request: the Hub URL's name ("alice/bert.git", "datasets/acme/corpus")
 * becomes the repository with the caller's permissions, found and checked once. What the caller may not
 * read does not exist (404), except that an anonymous caller is asked to authenticate (401), so git
 * prompts for a token.
 */
@ApplicationScoped
public class HubRepositoryResolver implements RepositoryResolver<HttpServletRequest> {

    @Inject
    RepositoryService repositories;

    @Inject
    GitStorage storage;

    @Inject
    CurrentCaller caller;

    @Inject
    ResolvedRepository resolved;

    @Override
    public Repository open(HttpServletRequest request, String name) throws RepositoryNotFoundException, ServiceNotAuthorizedException {
        RepoRef ref = RepoRef.fromPath(name).orElseThrow(() -> new RepositoryNotFoundException(name));
        Caller who = caller.get();
        RepoContext repo;
        try {
            repo = repositories.context(who, ref);
        } catch (NotFoundException notReadable) {
            if (who.isAnonymous()) {
                throw new ServiceNotAuthorizedException("Repository not found, or you need to authenticate: use an access token as the password.");
            }
            throw new RepositoryNotFoundException(name);
        }
        resolved.set(repo);
        try {
            return storage.open(repo.id());
        } catch (IOException e) {
            throw new RepositoryNotFoundException(name, e);
        }
    }
}
