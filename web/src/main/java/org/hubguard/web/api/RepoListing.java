package org.hubguard.web.api;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.jgit.lib.ObjectId;
import org.hubguard.access.Caller;
import org.hubguard.access.InvalidInputException;
import org.hubguard.cards.CardMetadata;
import org.hubguard.cards.RepoCards;
import org.hubguard.git.GitReader;
import org.hubguard.git.GitStorage;
import org.hubguard.repos.RepoType;
import org.hubguard.repos.Repository;
import org.hubguard.repos.RepositoryService;

/**
 * The Hub's repository search ({@code GET /api/models?search=&author=&filter=&sort=&direction=}): the repositories
 * the caller may read (the policy filters them; a private repository never shows to others), narrowed by
 * author, text and tags, sorted. Tags and dates come from each repository's default branch.
 */
@ApplicationScoped
public class RepoListing {

    /** The Hub's sort keys; those hubguard does not count (downloads, likes, ...) are all 0, so they keep the id order. */
    private static final Set<String> SORTS = Set.of("id", "modelId", "createdAt", "lastModified", "downloads", "downloadsAllTime",
            "likes", "likes30d", "trendingScore", "num_parameters", "mainSize", "usedStorage");

    @Inject
    RepositoryService repositories;

    @Inject
    GitReader git;

    @Inject
    RepoCards cards;

    /** What a search asks for; null or empty values do not narrow it. */
    record Query(RepoType type, String author, List<String> search, List<String> filters, String pipelineTag,
                 Boolean gated, String sort, String direction) {
    }

    /** One repository found, at its default branch's head. */
    record Found(Repository repository, ObjectId head) {
    }

    List<Found> search(Caller caller, Query query) {
        String text = query.search().stream().filter(s -> !s.isBlank()).findFirst().map(String::strip).orElse(null);
        String author = query.author() == null || query.author().isBlank() ? null : query.author().strip();
        List<Found> found = repositories.search(caller, query.type(), author, text).stream()
                .filter(repo -> query.search().stream().allMatch(s -> repo.getFullName().toLowerCase(java.util.Locale.ROOT)
                        .contains(s.strip().toLowerCase(java.util.Locale.ROOT))))
                .flatMap(repo -> git.resolve(repo.getId(), GitStorage.MAIN).map(head -> new Found(repo, head)).stream())
                .filter(f -> !Boolean.TRUE.equals(query.gated())) // no repository is gated on hubguard
                .toList();
        if (!query.filters().isEmpty() || query.pipelineTag() != null) {
            found = found.stream().filter(f -> matches(f, query)).toList();
        }
        return sorted(found, query.sort(), query.direction());
    }

    private boolean matches(Found found, Query query) {
        CardMetadata card = cards.at(found.repository().getId(), found.head());
        List<String> tags = card.tags(found.repository().getType());
        boolean pipeline = query.pipelineTag() == null || card.pipelineTag().filter(query.pipelineTag()::equals).isPresent();
        return pipeline && query.filters().stream().allMatch(filter -> tags.contains(filter) || filter.equalsIgnoreCase(found.repository().getFullName()));
    }

    private List<Found> sorted(List<Found> found, String sort, String direction) {
        if (sort == null || sort.isBlank()) {
            return found;
        }
        if (!SORTS.contains(sort)) {
            throw new InvalidInputException("'sort' must be one of " + new java.util.TreeSet<>(SORTS) + ".");
        }
        boolean ascending = switch (direction == null ? "-1" : direction) {
            case "1" -> true;
            case "-1" -> false;
            default -> throw new InvalidInputException("'direction' must be 1 (ascending) or -1 (descending, the default).");
        };
        Comparator<Found> order = switch (sort) {
            case "id", "modelId" -> Comparator.comparing(f -> f.repository().getFullName().toLowerCase(java.util.Locale.ROOT));
            case "createdAt" -> Comparator.comparing(f -> f.repository().getCreatedAt());
            case "lastModified" -> byLastModified(found);
            default -> (a, b) -> 0; // not counted by hubguard: every repository has 0
        };
        return found.stream().sorted(ascending ? order : order.reversed()).toList();
    }

    private Comparator<Found> byLastModified(List<Found> found) {
        Map<Long, Instant> times = found.stream().collect(java.util.stream.Collectors.toMap(f -> f.repository().getId(),
                f -> git.commitTime(f.repository().getId(), f.head())));
        Function<Found, Instant> time = f -> times.get(f.repository().getId());
        return Comparator.comparing(time);
    }
}
