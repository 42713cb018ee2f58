package org.hubguard.web.browse;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.hubguard.access.Caller;
import org.hubguard.git.GitReader;
import org.hubguard.git.GitStorage;
import org.hubguard.repos.RepoType;
import org.hubguard.repos.Repository;
import org.hubguard.repos.RepositoryService;

/**
 * The repositories a caller may read, found by name and owner and sorted, for the browse pages, the home page and
 * the profiles. {@link RepositoryService#search} applies the policy (as for the API's listing), so a private
 * repository never shows to someone who may not read it.
 */
@ApplicationScoped
public class RepositoryBrowser {

    /** How a listing is sorted: most recently updated first (the default branch's last commit), or by name. */
    public enum Sort { UPDATED, NAME }

    /** A repository with when its default branch last changed (its creation when it has no commit). */
    public record Listed(Repository repo, Instant updated) {
    }

    @Inject
    RepositoryService repositories;

    @Inject
    GitReader git;

    public List<Listed> find(Caller caller, RepoType type, String author, String text, Sort sort) {
        List<Listed> found = repositories.search(caller, type, blankToNull(author), blankToNull(text)).stream()
                .map(this::listed).toList();
        Comparator<Listed> order = sort == Sort.NAME
                ? Comparator.comparing(l -> l.repo().getFullName().toLowerCase(Locale.ROOT))
                : Comparator.comparing(Listed::updated).reversed();
        return found.stream().sorted(order).toList();
    }

    private Listed listed(Repository repo) {
        Instant updated = git.resolve(repo.getId(), GitStorage.MAIN).map(head -> git.commitTime(repo.getId(), head)).orElse(repo.getCreatedAt());
        return new Listed(repo, updated);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
