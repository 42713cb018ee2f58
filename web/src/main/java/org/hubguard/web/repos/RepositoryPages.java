package org.hubguard.web.repos;

import java.util.ArrayList;
import java.util.List;

import java.io.Serializable;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.hubguard.access.AccessDeniedException;
import org.hubguard.access.Action;
import org.hubguard.access.ConflictException;
import org.hubguard.access.InvalidInputException;
import org.hubguard.access.NotFoundException;
import org.hubguard.access.OrgRole;
import org.hubguard.access.Policy;
import org.hubguard.orgs.Membership;
import org.hubguard.orgs.OrganizationService;
import org.hubguard.repos.RepoIds;
import org.hubguard.repos.RepoType;
import org.hubguard.repos.Repository;
import org.hubguard.repos.RepositoryService;
import org.hubguard.web.Pages;
import org.hubguard.web.auth.CurrentCaller;

/**
 * Backs {@code /repos/new}, {@code /repos/show} and {@code /repos/settings} ({@code ?type=model&id=ns/name}).
 * A repository the caller may not read is a 404, exactly like a missing one. View-scoped so that a
 * postback knows its repository before the buttons are decoded; the repository is read again per request.
 */
@Named
@ViewScoped
public class RepositoryPages implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    RepositoryService repositories;

    @Inject
    OrganizationService organizations;

    @Inject
    Policy policy;

    @Inject
    CurrentCaller caller;

    private String type = RepoType.MODEL.wireName();
    private String id;
    private transient Repository repo;

    private String owner;
    private String name;
    private boolean makePrivate;
    private String newId;
    private String confirmName;

    /** f:viewAction of show and settings. */
    public void load() {
        try {
            String[] parts = RepoIds.split(id, "id");
            repo = repositories.get(caller.get(), repoType(), parts[0], parts[1]);
            if (newId == null) {
                newId = repo.getFullName();
            }
        } catch (NotFoundException | InvalidInputException e) {
            Pages.sendError(404, e.getMessage());
        }
    }

    /** f:viewAction of settings: only those who may change the repository see it. */
    public void requireManager() {
        load();
        if (getRepo() != null && !can("RENAME_REPO") && !can("CHANGE_VISIBILITY") && !can("DELETE_REPO")) {
            Pages.sendError(403, "You cannot change the settings of " + repo.getFullName() + ".");
        }
    }

    public boolean can(String action) {
        return getRepo() != null && policy.allows(caller.get(), Action.valueOf(action), repo.asResource());
    }

    /** Where the caller may create repositories: their own namespace and organizations where they are contributor or more. */
    public List<String> getOwners() {
        List<String> owners = new ArrayList<>();
        owners.add(caller.getUsername());
        for (Membership m : organizations.membershipsOf(caller.getUsername())) {
            if (m.getRole().atLeast(OrgRole.CONTRIBUTOR)) {
                owners.add(m.getOrganization().getName());
            }
        }
        return owners;
    }

    public void create() {
        try {
            Repository created = repositories.create(caller.get(), repoType(), owner, name, makePrivate);
            Pages.info("The " + created.getType().wireName() + " repository " + created.getFullName() + " was created.");
            Pages.redirect(showUrl(created));
        } catch (InvalidInputException | ConflictException | AccessDeniedException | NotFoundException e) {
            Pages.error(null, e.getMessage());
        }
    }

    public void move() {
        try {
            Repository moved = repositories.move(caller.get(), getRepo().getType(), repo.getFullName(), newId);
            Pages.info("The repository is now " + moved.getFullName() + ".");
            Pages.redirect(showUrl(moved));
        } catch (InvalidInputException | ConflictException | AccessDeniedException | NotFoundException e) {
            Pages.error(null, e.getMessage());
        }
    }

    public void toggleVisibility() {
        try {
            Repository changed = repositories.setVisibility(caller.get(), getRepo().getType(), repo.getNamespaceName(), repo.getName(), !repo.isPrivate());
            Pages.info(changed.getFullName() + " is now " + (changed.isPrivate() ? "private." : "public."));
            Pages.redirect(showUrl(changed).replace("/repos/show", "/repos/settings"));
        } catch (AccessDeniedException | NotFoundException e) {
            Pages.error(null, e.getMessage());
        }
    }

    public void delete() {
        if (getRepo() == null || confirmName == null || !confirmName.trim().equals(repo.getFullName())) {
            Pages.error(null, "Type " + (repo == null ? "the repository's full name" : repo.getFullName()) + " to confirm the deletion.");
            return;
        }
        try {
            repositories.delete(caller.get(), repo.getType(), repo.getNamespaceName(), repo.getName());
            Pages.info("The repository " + repo.getFullName() + " was deleted.");
            Pages.redirect("/");
        } catch (AccessDeniedException | NotFoundException e) {
            Pages.error(null, e.getMessage());
        }
    }

    public static String showUrl(Repository repo) {
        return "/repos/show?type=" + repo.getType().wireName() + "&id=" + repo.getFullName();
    }

    private RepoType repoType() {
        return RepoType.fromWireName(type).orElseThrow(() -> new InvalidInputException("The type must be model or dataset."));
    }

    public Repository getRepo() {
        if (repo == null && id != null) {
            try {
                String[] parts = RepoIds.split(id, "id");
                repo = repositories.get(caller.get(), repoType(), parts[0], parts[1]);
            } catch (NotFoundException | InvalidInputException e) {
                return null;
            }
        }
        return repo;
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

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public boolean isMakePrivate() {
        return makePrivate;
    }

    public void setMakePrivate(boolean makePrivate) {
        this.makePrivate = makePrivate;
    }

    public String getNewId() {
        return newId;
    }

    public void setNewId(String newId) {
        this.newId = newId;
    }

    public String getConfirmName() {
        return confirmName;
    }

    public void setConfirmName(String confirmName) {
        this.confirmName = confirmName;
    }
}
