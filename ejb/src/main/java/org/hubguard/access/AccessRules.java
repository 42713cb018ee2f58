package org.hubguard.access;

import org.hubguard.tokens.ScopeKind;
import org.hubguard.tokens.TokenGrant;
import org.hubguard.tokens.TokenPermission;
import org.hubguard.tokens.TokenRole;

/**
 * The access table, as pure logic: what the caller's user may do (owner, organization role, site admin),
 * intersected with what the credential allows (web session, read / write / fine-grained token, organization
 * token). The {@link Policy} EJB looks up the organization role and asks this.
 */
public final class AccessRules {

    private AccessRules() {
    }

    /**
     * @param orgRole the caller's role in the organization that owns the resource, or null (no member, or
     *                not an organization's resource)
     */
    public static Decision decide(Caller caller, Action action, Resource resource, OrgRole orgRole) {
        if (readsPublicRepo(action, resource)) {
            return Decision.allow(action); // anyone, with any credential, as anonymous visitors can
        }
        if (caller == null || caller.isAnonymous()) {
            return Decision.deny(action, Denial.NOT_SIGNED_IN);
        }
        if (caller.credential() instanceof Credential.OrgToken orgToken) {
            boolean ownRepoRead = action == Action.READ_REPO && resource instanceof Resources.Repo repo
                    && repo.orgNamespace() && repo.namespace().equalsIgnoreCase(orgToken.organization());
            return ownRepoRead ? Decision.allow(action) : Decision.deny(action, Denial.ORG_TOKEN);
        }
        if (action.kind() == Action.Kind.ACCOUNT && !caller.usesWebSession()) {
            return Decision.deny(action, Denial.WEB_SESSION_ONLY);
        }
        if (!userMay(caller, action, resource, orgRole)) {
            return Decision.deny(action, Denial.NOT_PERMITTED);
        }
        return credentialAllows(caller.credential(), action, resource) ? Decision.allow(action)
                : Decision.deny(action, caller.credential() instanceof Credential.Token token && token.role() == TokenRole.READ
                        ? Denial.READ_TOKEN : Denial.FINE_GRAINED_TOKEN);
    }

    public static boolean allows(Caller caller, Action action, Resource resource, OrgRole orgRole) {
        return decide(caller, action, resource, orgRole).allowed();
    }

    private static boolean readsPublicRepo(Action action, Resource resource) {
        return action == Action.READ_REPO && resource instanceof Resources.Repo repo && !repo.isPrivate();
    }

    /** The user's own rights, whatever credential they used. */
    static boolean userMay(Caller caller, Action action, Resource resource, OrgRole role) {
        return switch (action) {
            case MANAGE_OWN_ACCOUNT, MANAGE_TOKENS -> resource instanceof Resources.Account account
                    && caller.username().equalsIgnoreCase(account.username());
            case ADMINISTER_USERS -> caller.admin();
            case CREATE_ORG -> true;
            case READ_ORG -> resource instanceof Resources.Org && role != null;
            case MANAGE_ORG, MANAGE_MEMBERS, REFRESH_ORG_TOKEN -> resource instanceof Resources.Org && role == OrgRole.ADMIN;
            case CREATE_REPO -> resource instanceof Resources.Namespace ns
                    && (ownsUserNamespace(caller, ns) || role != null && role.atLeast(OrgRole.CONTRIBUTOR));
            case READ_REPO -> resource instanceof Resources.Repo repo
                    && (!repo.isPrivate() || ownsUserNamespace(caller, repo) || repo.orgNamespace() && role != null);
            case TRANSFER_REPO -> resource instanceof Resources.Repo repo
                    && (ownsUserNamespace(caller, repo) || repo.orgNamespace() && role == OrgRole.ADMIN);
            case WRITE_REPO, DELETE_REPO, RENAME_REPO, CHANGE_VISIBILITY -> resource instanceof Resources.Repo repo
                    && (ownsUserNamespace(caller, repo) || repo.orgNamespace() && role != null
                    && (role.atLeast(OrgRole.WRITE) || role == OrgRole.CONTRIBUTOR && caller.username().equalsIgnoreCase(repo.createdBy())));
        };
    }

    private static boolean ownsUserNamespace(Caller caller, Resources.Namespaced resource) {
        return !resource.orgNamespace() && resource.namespace().equalsIgnoreCase(caller.username());
    }

    /** What the credential allows, whoever holds it. */
    static boolean credentialAllows(Credential credential, Action action, Resource resource) {
        if (credential instanceof Credential.WebSession) {
            return true;
        }
        if (!(credential instanceof Credential.Token token) || action.kind() == Action.Kind.ACCOUNT) {
            return false;
        }
        if (token.role() == TokenRole.READ) {
            return action.kind() == Action.Kind.READ;
        }
        if (token.role() == TokenRole.WRITE) {
            return true;
        }
        TokenPermission needed = switch (action.kind()) {
            case READ -> action == Action.READ_ORG ? TokenPermission.ORG_READ : TokenPermission.REPO_CONTENT_READ;
            case WRITE -> TokenPermission.REPO_WRITE;
            case ORG_ADMIN -> TokenPermission.ORG_WRITE;
            case ACCOUNT -> null;
        };
        return token.grants().stream().anyMatch(grant -> grant.getPermission() == needed && covers(grant, resource));
    }

    /** Whether a fine-grained grant's scope includes the resource. */
    static boolean covers(TokenGrant grant, Resource resource) {
        if (grant.getScopeKind() == ScopeKind.GLOBAL) {
            return true;
        }
        if (!(resource instanceof Resources.Namespaced namespaced)) {
            return false;
        }
        String scope = grant.getScopeName();
        return switch (grant.getScopeKind()) {
            case USER -> !namespaced.orgNamespace() && namespaced.namespace().equalsIgnoreCase(scope);
            case ORG -> namespaced.orgNamespace() && namespaced.namespace().equalsIgnoreCase(scope);
            case MODEL, DATASET -> resource instanceof Resources.Repo repo
                    && repo.type().equals(grant.getScopeKind().wireName())
                    && repo.fullName().equalsIgnoreCase(scope);
            case GLOBAL -> true;
        };
    }
}
