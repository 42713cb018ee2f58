package org.hubguard.web.orgs;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.hubguard.access.AccessDeniedException;
import org.hubguard.access.Action;
import org.hubguard.access.ConflictException;
import org.hubguard.access.InvalidInputException;
import org.hubguard.access.NotFoundException;
import org.hubguard.access.OrgRole;
import org.hubguard.access.Policy;
import org.hubguard.access.Resources;
import org.hubguard.orgs.Membership;
import org.hubguard.orgs.Organization;
import org.hubguard.orgs.OrganizationService;
import org.hubguard.repos.RepoType;
import org.hubguard.repos.Repository;
import org.hubguard.repos.RepositoryService;
import org.hubguard.web.Pages;
import org.hubguard.web.auth.CurrentCaller;

/**
 * Backs the organization pages ({@code /organizations/show|members|settings?name=...}): profile and
 * repositories for everyone, members for members, member management, profile and token for admins. Each
 * control is shown only when the policy allows it, and the server asks the policy again on every action.
 */
@Named
@RequestScoped
public class OrganizationPages {

    @Inject
    OrganizationService organizations;

    @Inject
    RepositoryService repositories;

    @Inject
    Policy policy;

    @Inject
    CurrentCaller caller;

    private String name;
    private Organization org;
    private List<Membership> members;
    private String newMember;
    private String newMemberRole = OrgRole.READ.wireName();
    private String fullName;
    private String description;
    private String newToken;
    private final Map<String, String> roleChoice = new HashMap<>();

    /** f:viewAction: 404 for an unknown organization. */
    public void load() {
        org = organizations.find(name).orElse(null);
        if (org == null) {
            Pages.sendError(404, "There is no organization '" + name + "'.");
        } else if (fullName == null) {
            fullName = org.getFullName();
            description = org.getDescription();
        }
    }

    /** f:viewAction of the members and settings pages: 403 for those who may not see them. */
    public void requireMember() {
        load();
        if (org != null && !can("READ_ORG")) {
            Pages.sendError(403, "Only members of " + org.getName() + " can see this page.");
        }
    }

    public boolean can(String action) {
        return org != null && policy.allows(caller.get(), Action.valueOf(action), new Resources.Org(org.getName()));
    }

    public List<Repository> getModels() {
        return repositories.list(caller.get(), RepoType.MODEL, org.getName());
    }

    public List<Repository> getDatasets() {
        return repositories.list(caller.get(), RepoType.DATASET, org.getName());
    }

    public List<Membership> getMembers() {
        if (members == null) {
            members = organizations.members(caller.get(), org.getName());
        }
        return members;
    }

    public OrgRole[] getRoles() {
        return OrgRole.values();
    }

    public void addMember() {
        act(() -> organizations.addMember(caller.get(), org.getName(), newMember == null ? "" : newMember.trim(), role(newMemberRole)),
                (newMember == null ? "" : newMember.trim()) + " is now a member with the " + newMemberRole + " role.", "members");
    }

    /** The role chosen in each member's row, filled with the current roles. */
    public Map<String, String> getRoleChoice() {
        if (roleChoice.isEmpty()) {
            getMembers().forEach(m -> roleChoice.put(m.getUsername(), m.getRole().wireName()));
        }
        return roleChoice;
    }

    public void changeRole(String username) {
        String role = getRoleChoice().get(username);
        act(() -> organizations.changeRole(caller.get(), org.getName(), username, role(role)),
                username + " now has the " + role + " role.", "members");
    }

    public void removeMember(String username) {
        act(() -> organizations.removeMember(caller.get(), org.getName(), username),
                username + " is no longer a member; their access ends with their next request.", "members");
    }

    public void updateProfile() {
        act(() -> organizations.updateProfile(caller.get(), org.getName(), fullName, description), "The profile was saved.", "settings");
    }

    public void refreshToken() {
        try {
            newToken = organizations.refreshToken(caller.get(), org.getName());
            org = organizations.get(org.getName());
        } catch (AccessDeniedException e) {
            Pages.error(null, e.getMessage());
        }
    }

    private void act(Runnable action, String success, String page) {
        try {
            action.run();
            Pages.info(success);
            Pages.redirect("/organizations/" + page + "?name=" + URLEncoder.encode(org.getName(), StandardCharsets.UTF_8));
        } catch (InvalidInputException | ConflictException | AccessDeniedException | NotFoundException e) {
            members = null;
            Pages.error(null, e.getMessage());
        }
    }

    private static OrgRole role(String wireName) {
        return OrgRole.fromWireName(wireName).orElseThrow(() -> new InvalidInputException("Choose a role: read, contributor, write or admin."));
    }

    public Organization getOrg() {
        return org;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getNewMember() {
        return newMember;
    }

    public void setNewMember(String newMember) {
        this.newMember = newMember;
    }

    public String getNewMemberRole() {
        return newMemberRole;
    }

    public void setNewMemberRole(String newMemberRole) {
        this.newMemberRole = newMemberRole;
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

    public String getNewToken() {
        return newToken;
    }
}
