package org.hubguard.web.repos;

import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.hubguard.access.InvalidInputException;
import org.hubguard.repos.RepoType;
import org.hubguard.repos.Repository;
import org.hubguard.repos.RepositoryService;
import org.hubguard.web.Pages;
import org.hubguard.web.auth.CurrentCaller;

/** Backs {@code /repos/new}: a model or dataset in a namespace where the caller may create repositories. */
@Named("newRepository")
@RequestScoped
public class NewRepositoryPage {

    @Inject
    RepositoryService repositories;

    @Inject
    CurrentCaller caller;

    private String type = RepoType.MODEL.wireName();
    private String owner;
    private String name;
    private boolean makePrivate;
    private List<String> owners;

    /** The caller's own namespace and the organizations where the policy lets them create repositories. */
    public List<String> getOwners() {
        if (owners == null) {
            owners = repositories.namespacesForNewRepositories(caller.get());
        }
        return owners;
    }

    public void create() {
        Pages.attempt(() -> {
            RepoType repoType = RepoType.fromWireName(type).orElseThrow(() -> new InvalidInputException("The type must be model or dataset."));
            Repository created = repositories.create(caller.get(), repoType, owner, name, makePrivate);
            Pages.info("The " + created.getType().wireName() + " repository " + created.getFullName() + " was created.");
            Pages.redirect(created.getPath());
        });
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
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
}
