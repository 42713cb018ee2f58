package org.hubguard.web.browse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.hubguard.git.CommitInfo;
import org.hubguard.git.GitReader;
import org.hubguard.git.GitStorage;
import org.hubguard.orgs.Membership;
import org.hubguard.orgs.OrganizationService;
import org.hubguard.repos.RepoType;
import org.hubguard.repos.Repository;
import org.hubguard.web.auth.CurrentCaller;

/**
 * Backs the home page: signed in, a dashboard (your repositories and organizations, the latest commits in
 * them); signed out, the public repositories most recently updated.
 */
@Named
@RequestScoped
public class HomePage {

    /** How many repositories and commits each list shows. */
    static final int SHOWN = 10;
    /** Commits are gathered from this many most recently updated repositories, a few each. */
    private static final int COMMIT_SOURCES = 20;
    private static final int COMMITS_EACH = 5;

    /** A commit and the repository it is in. */
    public record RecentCommit(Repository repo, CommitInfo commit) {
    }

    @Inject
    RepositoryBrowser browser;

    @Inject
    OrganizationService organizations;

    @Inject
    GitReader git;

    @Inject
    CurrentCaller caller;

    private List<RepositoryBrowser.Listed> mine;

    /** Your models and datasets, most recently updated first. */
    public List<RepositoryBrowser.Listed> getMyRepos() {
        if (mine == null) {
            String me = caller.get().username();
            mine = newestFirst(Stream.concat(
                    browser.find(caller.get(), RepoType.MODEL, me, null, RepositoryBrowser.Sort.UPDATED).stream(),
                    browser.find(caller.get(), RepoType.DATASET, me, null, RepositoryBrowser.Sort.UPDATED).stream()));
        }
        return mine;
    }

    public List<Membership> getMemberships() {
        return organizations.membershipsOf(caller.get().username());
    }

    /** The latest commits in your repositories and your organizations' (those you may read). */
    public List<RecentCommit> getRecentCommits() {
        List<RepositoryBrowser.Listed> sources = new ArrayList<>(getMyRepos());
        for (Membership membership : getMemberships()) {
            for (RepoType type : RepoType.values()) {
                sources.addAll(browser.find(caller.get(), type, membership.getOrganization().getName(), null, RepositoryBrowser.Sort.UPDATED));
            }
        }
        List<RecentCommit> commits = new ArrayList<>();
        for (RepositoryBrowser.Listed listed : newestFirst(sources.stream(), COMMIT_SOURCES)) {
            long id = listed.repo().getId();
            git.resolve(id, GitStorage.MAIN).ifPresent(head ->
                    git.commits(id, head, 0, COMMITS_EACH).forEach(c -> commits.add(new RecentCommit(listed.repo(), c))));
        }
        return commits.stream().sorted(Comparator.comparing((RecentCommit c) -> c.commit().date()).reversed()).limit(SHOWN).toList();
    }

    /** Signed out: the public repositories most recently updated (the policy shows a visitor nothing else). */
    public List<RepositoryBrowser.Listed> getPublicRepos() {
        return newestFirst(Stream.of(RepoType.values())
                .flatMap(type -> browser.find(caller.get(), type, null, null, RepositoryBrowser.Sort.UPDATED).stream()));
    }

    private static List<RepositoryBrowser.Listed> newestFirst(Stream<RepositoryBrowser.Listed> repos) {
        return newestFirst(repos, SHOWN);
    }

    private static List<RepositoryBrowser.Listed> newestFirst(Stream<RepositoryBrowser.Listed> repos, int limit) {
        return repos.sorted(Comparator.comparing(RepositoryBrowser.Listed::updated).reversed()).limit(limit).toList();
    }
}
