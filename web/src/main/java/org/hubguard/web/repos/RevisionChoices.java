package org.hubguard.web.repos;

import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.hubguard.git.GitRef;
import org.hubguard.git.RefService;
import org.hubguard.repos.RepoContext;

/**
 * The branch/tag selector of the repository pages: plain links to the same page at every branch and tag, so it
 * works without script. Read once per request.
 */
@RequestScoped
public class RevisionChoices {

    /** A branch or tag and the current page's URL at it. */
    public record Choice(String name, String url, boolean current) {
    }

    /** {@code kind}: what the current revision is, "branch", "tag" or "commit". */
    public record Choices(String current, String kind, List<Choice> branches, List<Choice> tags) {
    }

    @Inject
    RefService refs;

    private Choices choices;

    Choices of(RepoContext repo, String current, Function<String, String> urlAt) {
        if (choices == null && repo != null) {
            RefService.RefList list = refs.list(repo);
            List<Choice> branches = choices(list.branches(), current, urlAt);
            List<Choice> tags = choices(list.tags(), current, urlAt);
            String kind = branches.stream().anyMatch(Choice::current) ? "branch" : tags.stream().anyMatch(Choice::current) ? "tag" : "commit";
            choices = new Choices(current, kind, branches, tags);
        }
        return choices;
    }

    private static List<Choice> choices(List<GitRef> refs, String current, Function<String, String> urlAt) {
        return refs.stream().map(ref -> new Choice(ref.name(), urlAt.apply(ref.name()), ref.name().equals(current))).toList();
    }
}
