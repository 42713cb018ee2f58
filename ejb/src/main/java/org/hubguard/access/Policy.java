package org.hubguard.access;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The one decision point for "may this caller do this action to that resource". It looks up the caller's
 * role in the organization the resource belongs to and asks {@link AccessRules}.
 */
@Stateless
public class Policy {

    @PersistenceContext
    EntityManager em;

    public boolean allows(Caller caller, Action action, Object resource) {
        return AccessRules.allows(caller, action, resource, orgRole(caller, resource));
    }

    /** Denies with a message for the user: 401-worthy when nobody is signed in, else 403-worthy. */
    public void require(Caller caller, Action action, Object resource) {
        if (!allows(caller, action, resource)) {
            throw new AccessDeniedException(deniedMessage(caller, action));
        }
    }

    private OrgRole orgRole(Caller caller, Object resource) {
        if (caller == null || !caller.isUser() || !(resource instanceof Resources.Namespaced namespaced) || !namespaced.orgNamespace()) {
            return null;
        }
        return roleIn(namespaced.namespace(), caller.username()).orElse(null);
    }

    /** The user's role in the organization, if they are a member. */
    public java.util.Optional<OrgRole> roleIn(String organization, String username) {
        return em.createQuery("select m.role from Membership m where m.organization.namespace.nameKey = :org "
                        + "and m.user.namespace.nameKey = :user", OrgRole.class)
                .setParameter("org", organization.toLowerCase(java.util.Locale.ROOT))
                .setParameter("user", username.toLowerCase(java.util.Locale.ROOT))
                .getResultStream().findFirst();
    }

    /** Why the caller is refused the action, in words for the user (also shown by git as "remote error"). */
    public String denialReason(Caller caller, Action action) {
        return deniedMessage(caller, action);
    }

    private static String deniedMessage(Caller caller, Action action) {
        if (caller == null || caller.isAnonymous()) {
            return "You must be signed in (or send an access token).";
        }
        if (action.kind() == Action.Kind.ACCOUNT && !caller.usesWebSession()) {
            return "Access tokens cannot do this; sign in to hubguard's web pages instead.";
        }
        if (caller.credential() instanceof Credential.Token token) {
            return switch (token.role()) {
                case READ -> "This token has the read role; a write token is needed for this.";
                case FINE_GRAINED -> "This fine-grained token has no permission for this.";
                case WRITE -> "You are not allowed to do this.";
            };
        }
        if (caller.credential() instanceof Credential.OrgToken) {
            return "The organization token can only read the organization's repositories.";
        }
        return "You are not allowed to do this.";
    }
}
