package org.hubguard.access;

import java.util.Locale;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The one decision point for "may this caller do this action to that resource". It looks up the caller's
 * role in the organization the resource belongs to and asks {@link AccessRules}; a request that asks
 * several questions about one resource takes its {@link Permissions} once, and a listing that asks about many
 * resources takes {@link #allowsEach}, which reads the caller's organization roles once.
 */
@Stateless
@jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.SUPPORTS) // only reads: joins the caller's transaction, if any
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

    /**
     * The same decision for many resources (a listing or a search): the caller's roles in every organization are
     * read with one query, then each resource is judged by the same rules, without asking the database again.
     */
    public java.util.function.Predicate<Resource> allowsEach(Caller caller, Action action) {
        java.util.Map<String, OrgRole> roles = caller != null && caller.isUser() ? rolesOf(caller.username()) : java.util.Map.of();
        return resource -> {
            OrgRole role = resource instanceof Resources.Namespaced namespaced && namespaced.orgNamespace()
                    ? roles.get(namespaced.namespace().toLowerCase(Locale.ROOT)) : null;
            return new Permissions(caller, resource, role).decide(action).allowed();
        };
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

    /** The user's role in each organization they belong to, by the organization's name key. */
    private java.util.Map<String, OrgRole> rolesOf(String username) {
        java.util.Map<String, OrgRole> roles = new java.util.HashMap<>();
        em.createQuery("select m.organization.namespace.nameKey, m.role from Membership m where m.user.namespace.nameKey = :user", Object[].class)
                .setParameter("user", username.toLowerCase(Locale.ROOT))
                .getResultList().forEach(row -> roles.put((String) row[0], (OrgRole) row[1]));
        return roles;
    }
}
