package org.hubguard.web.repos;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.hubguard.access.HubguardException;
import org.hubguard.access.InvalidInputException;
import org.hubguard.repos.RepoContext;
import org.hubguard.repos.RepoIds;
import org.hubguard.repos.RepoType;
import org.hubguard.repos.RepositoryService;
import org.hubguard.web.auth.CurrentCaller;

/**
 * The repository pages' entry point: resolves the page's repository with the caller's permissions once per
 * request, however often the page asks (each {@code rendered} guard, each action).
 */
@RequestScoped
public class RepoLookup {

    /** The repository, or why it cannot be shown (missing, not readable, a malformed id). */
    record Found(RepoContext repo, String problem) {
    }

    @Inject
    RepositoryService repositories;

    @Inject
    CurrentCaller caller;

    private final Map<String, Found> found = new HashMap<>();

    Found find(String type, String id) {
        return found.computeIfAbsent(type + " " + id, key -> {
            try {
                RepoType repoType = RepoType.fromWireName(type)
                        .orElseThrow(() -> new InvalidInputException("The type must be model or dataset."));
                String[] parts = RepoIds.split(id, "id");
                return new Found(repositories.context(caller.get(), repoType, parts[0], parts[1]), null);
            } catch (HubguardException e) {
                return new Found(null, e.getMessage());
            }
        });
    }
}
