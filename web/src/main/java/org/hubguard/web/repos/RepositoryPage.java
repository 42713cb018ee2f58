package org.hubguard.web.repos;

import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;

import org.hubguard.access.Action;
import org.hubguard.repos.RepoContext;
import org.hubguard.repos.Repository;
import org.hubguard.web.Pages;

/**
 * What every page of one repository shares ({@code ?type=model&id=ns/name}): the repository with the
 * caller's permissions, resolved once per request by {@link RepoLookup}. A repository the caller may not read
 * is a 404, exactly like a missing one. Page beans are view-scoped, so a postback knows its repository before
 * the buttons are decoded.
 */
public abstract class RepositoryPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    RepoLookup lookup;

    private String type = "model";
    private String id;

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

    /** A repository page's URL, e.g. {@code /repos/file?type=model&id=alice/bert&path=README.md}. */
    protected static String pageUrl(String page, Repository repo, String path) {
        return "/repos/" + page + "?type=" + repo.getType().wireName() + "&id=" + repo.getFullName()
                + (path == null || path.isEmpty() ? "" : "&path=" + URLEncoder.encode(path, StandardCharsets.UTF_8));
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
