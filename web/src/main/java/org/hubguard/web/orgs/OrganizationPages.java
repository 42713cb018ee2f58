package org.hubguard.web.orgs;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import java.io.Serializable;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.hubguard.access.Action;
import org.hubguard.access.InvalidInputException;
import org.hubguard.access.OrgRole;
import org.hubguard.access.Permissions;
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
 * View-scoped so that a postback knows which organization it is about before the buttons are decoded;
 * the organization itself is read again on every request.
 */
@Named
@ViewScoped
public class OrganizationPages implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    OrganizationService organizations;

    @Inject
    RepositoryService repositories;

    @Inject
    OrgLookup lookup;

    @Inject
    CurrentCaller caller;

    private String name;
    private String newMember;
    private String newMemberRole = OrgRole.READ.wireName();
    private String fullName;
    private String description;
    private final HashMap<String, String> roleChoice = new HashMap<>();

    /** f:viewAction: 404 for an unknown organization. */
    public void load() {
        if (getOrg() == null) {
            Pages.sendError(404, "There is no organization '" + name + "'.");
        } else if (fullName == null) {
            fullName = getOrg().getFullName();
            description = getOrg().getDescription();
        }
    }

    /** f:viewAction of the members and settings pages: 403 for those who may not see them. */
    public void requireMember() {
        load();
        if (getOrg() != null && caller.get().isAnonymous()) {
            Pages.redirect("/login?next=" + URLEncoder.encode(currentPage(), StandardCharsets.UTF_8));
        } else if (getOrg() != null && !isCanRead()) {
            Pages.sendError(403, "Only members of " + getOrg().getName() + " can see this page.");
        }
    }

    private static String currentPage() {
        var request = (jakarta.servlet.http.HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
        return request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    }

    private boolean can(Action action) {
        Permissions permissions = lookup.find(name).permissions();
        return permissions != null && permissions.can(action);
    }

    public boolean isCanRead() {
        return can(Action.READ_ORG);
    }

    public boolean isCanManage() {
        return can(Action.MANAGE_ORG);
    }

    public boolean isCanManageMembers() {
        return can(Action.MANAGE_MEMBERS);
    }

    public boolean isCanRefreshToken() {
        return can(Action.REFRESH_ORG_TOKEN);
    }

    public List<Repository> getModels() {
        return repositories.list(caller.get(), RepoType.MODEL, getOrg().getName());
    }

    public List<Repository> getDatasets() {
        return repositories.list(caller.get(), RepoType.DATASET, getOrg().getName());
    }

    public List<Membership> getMembers() {
        return organizations.members(caller.get(), getOrg().getName());
    }

    public OrgRole[] getRoles() {
        return OrgRole.values();
    }

    public void addMember() {
        act(() -> organizations.addMember(caller.get(), getOrg().getName(), newMember == null ? "" : newMember.trim(), role(newMemberRole)),
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
        act(() -> organizations.changeRole(caller.get(), getOrg().getName(), username, role(role)),
                username + " now has the " + role + " role.", "members");
    }

    public void removeMember(String username) {
        act(() -> organizations.removeMember(caller.get(), getOrg().getName(), username),
                username + " is no longer a member; their access ends with their next request.", "members");
    }

    public void updateProfile() {
        act(() -> organizations.updateProfile(caller.get(), getOrg().getName(), fullName, description), "The profile was saved.", "settings");
    }

    public void toggleRequireSigned() {
        boolean required = !getOrg().isRequireSigned();
        act(() -> organizations.setRequireSigned(caller.get(), getOrg().getName(), required),
                required ? "Every repository of " + getOrg().getName() + " now requires signed commits."
                        : getOrg().getName() + " no longer requires signed commits.", "settings");
    }

    public void toggleProtectDefaultBranch() {
        boolean protect = !getOrg().isProtectDefaultBranch();
        act(() -> organizations.setProtectDefaultBranch(caller.get(), getOrg().getName(), protect),
                protect ? "main is now protected in every repository of " + getOrg().getName() + "."
                        : "Each repository of " + getOrg().getName() + " decides about protecting main.", "settings");
    }

    public void refreshToken() {
        Pages.attempt(() -> {
            // Kept for this response only: never in the view state or the session.
            String secret = organizations.refreshToken(caller.get(), getOrg().getName());
            FacesContext.getCurrentInstance().getExternalContext().getRequestMap().put("newOrgToken", secret);
            lookup.forget(name);
        });
    }

    private void act(Runnable action, String success, String page) {
        String orgName = getOrg().getName();
        Pages.attempt(() -> {
            action.run();
            Pages.info(success);
            Pages.redirect("/organizations/" + page + "?name=" + URLEncoder.encode(orgName, StandardCharsets.UTF_8));
        });
    }

    private static OrgRole role(String wireName) {
        return OrgRole.fromWireName(wireName).orElseThrow(() -> new InvalidInputException("Choose a role: read, contributor, write or admin."));
    }

    public Organization getOrg() {
        return name == null ? null : lookup.find(name).org();
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

}
