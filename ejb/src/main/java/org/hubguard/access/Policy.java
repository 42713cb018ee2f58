package org.hubguard.access;

import java.util.Locale;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The one decision point for "may this caller do this action to that resource". It looks up the caller's
 * role in the organization the resource belongs to and asks {@link AccessRules}; a request that asks
 * several questions about one resource takes its {@link Permissions} once.
 */
@Stateless
public class Policy {

    @PersistenceContext
    EntityManager em;

    public Permissions permissions(Caller caller, Resource resource) {
        return new Permissions(caller, resource, orgRole(caller, resource));
    }

    public Decision decide(Caller caller, Action action, Resource resource) {
        return permissions(caller, resource).decide(action);
    }

    public boolean allows(Caller caller, Action action, Resource resource) {
        return decide(caller, action, resource).allowed();
    }

    /** Refuses with {@link AccessDeniedException} and a message for the user. */
    public void require(Caller caller, Action action, Resource resource) {
        decide(caller, action, resource).orThrow();
    }

    private OrgRole orgRole(Caller caller, Resource resource) {
        if (caller == null || !caller.isUser() || !(resource instanceof Resources.Namespaced namespaced) || !namespaced.orgNamespace()) {
            return null;
        }
        return roleIn(namespaced.namespace(), caller.username()).orElse(null);
    }

    /** The user's role in the organization, if they are a member. */
    private Optional<OrgRole> roleIn(String organization, String username) {
        return em.createQuery("select m.role from Membership m where m.organization.namespace.nameKey = :org "
                        + "and m.user.namespace.nameKey = :user", OrgRole.class)
                .setParameter("org", organization.toLowerCase(Locale.ROOT))
                .setParameter("user", username.toLowerCase(Locale.ROOT))
                .getResultStream().findFirst();
    }
}
