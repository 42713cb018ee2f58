package org.hubguard.web.profiles;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.hubguard.accounts.AccountService;
import org.hubguard.accounts.User;
import org.hubguard.orgs.Membership;
import org.hubguard.orgs.OrganizationService;
import org.hubguard.repos.RepoType;
import org.hubguard.repos.Repository;
import org.hubguard.repos.RepositoryService;
import org.hubguard.web.Pages;
import org.hubguard.web.auth.CurrentCaller;

/**
 * Backs a user's profile at {@code /{username}}: the user's models and datasets that the viewer may read (the
 * policy decides, as for the API's listing), and on one's own profile one's organizations and settings.
 */
@Named
@RequestScoped
public class UserProfilePage {

    @Inject
    AccountService accounts;

    @Inject
    RepositoryService repositories;

    @Inject
    OrganizationService organizations;

    @Inject
    CurrentCaller caller;

    private String name;
    private Optional<User> user;

    /** f:viewAction: 404 for an unknown user. */
    public void load() {
        if (getUser() == null) {
            Pages.sendError(404, "There is no user '" + name + "'.");
        }
    }

    public User getUser() {
        if (user == null) {
            user = accounts.findByUsername(name);
        }
        return user.orElse(null);
    }

    /** Whether the viewer is this user: their own profile links to their settings. */
    public boolean isOwnProfile() {
        return getUser() != null && getUser().getUsername().equalsIgnoreCase(caller.get().username());
    }

    public List<Repository> getModels() {
        return repositories.list(caller.get(), RepoType.MODEL, getUser().getUsername());
    }

    public List<Repository> getDatasets() {
        return repositories.list(caller.get(), RepoType.DATASET, getUser().getUsername());
    }

    /** One's own organizations (shown only on one's own profile). */
    public List<Membership> getMemberships() {
        return isOwnProfile() ? organizations.membershipsOf(getUser().getUsername()) : List.of();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
