package org.hubguard.web.repos;

import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;

import org.hubguard.access.Action;
import org.hubguard.git.GitStorage;
import org.hubguard.repos.RepoContext;
import org.hubguard.repos.Repository;
import org.hubguard.web.Pages;

/**
 * What every page of one repository shares ({@code ?type=model&id=ns/name&rev=main}, which the Hub's URLs are
 * forwarded as): the repository with the caller's permissions, resolved once per request by {@link RepoLookup},
 * and the revision shown. A repository the caller may not read is a 404, exactly like a missing one. Page beans
 * are view-scoped, so a postback knows its repository before the buttons are decoded.
 */
public abstract class RepositoryPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    RepoLookup lookup;

    @Inject
    RevisionChoices revisionChoices;

    private String type = "model";
    private String id;
    /** The branch, tag or commit shown; null for the default branch. */
    private String rev;

    /** f:viewAction: 404 when there is nothing the caller may see. */
    public void load() {
        RepoLookup.Found found = lookup.find(type, id);
        if (found.repo() == null) {
            Pages.sendError(404, found.problem());
        }
    }

    /** The repository with the caller's permissions, or null when it cannot be shown. */
    protected RepoContext context() {
        return id == null ? null : lookup.find(type, id).repo();
    }

    public Repository getRepo() {
        RepoContext context = context();
        return context == null ? null : context.repository();
    }

    protected boolean can(Action action) {
        RepoContext context = context();
        return context != null && context.can(action);
    }

    /** A query-string page's URL, e.g. {@code /repos/settings?type=model&id=alice/bert}. */
    protected static String pageUrl(String page, Repository repo, String path) {
        return "/repos/" + page + "?type=" + repo.getType().wireName() + "&id=" + repo.getFullName()
                + (path == null || path.isEmpty() ? "" : "&path=" + URLEncoder.encode(path, StandardCharsets.UTF_8));
    }

    /** The branch, tag or commit id shown (the default branch unless the URL names one). */
    public String getRevision() {
        return rev == null || rev.isEmpty() ? GitStorage.MAIN : rev;
    }

    /** The branches and tags for the revision selector, each with this page's URL at it. */
    public RevisionChoices.Choices getRevisions() {
        return revisionChoices.of(context(), getRevision(), this::urlAt);
    }

    /** This page at another revision (for the revision selector), without the context path. */
    public abstract String urlAt(String revision);

    public String getRev() {
        return rev;
    }

    public void setRev(String rev) {
        this.rev = rev;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }
}
