package org.hubguard.web.orgs;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.hubguard.access.AccessDeniedException;
import org.hubguard.access.ConflictException;
import org.hubguard.access.InvalidInputException;
import org.hubguard.orgs.Organization;
import org.hubguard.orgs.OrganizationService;
import org.hubguard.web.Pages;
import org.hubguard.web.auth.CurrentCaller;

/** Backs {@code /organizations/new}. */
@Named
@RequestScoped
public class NewOrganizationPage {

    @Inject
    OrganizationService organizations;

    @Inject
    CurrentCaller caller;

    private String name;
    private String fullName;
    private String description;

    public void create() {
        Pages.attempt(() -> {
            Organization org = organizations.create(caller.get(), name, fullName, description);
            Pages.info("The organization " + org.getName() + " was created; you are its admin.");
            Pages.redirect("/" + URLEncoder.encode(org.getName(), StandardCharsets.UTF_8)); // its profile, at the Hub's URL
        });
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getFullName() {
        return fullName;
    }

    public void setFullName(String fullName) {
        this.fullName = fullName;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }
}
