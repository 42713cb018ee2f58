package org.hubguard.access;

/**
 * One caller's rights on one resource, with the organization role looked up once: what a request asks
 * many times (may they write? rename? delete?) is then answered without another query. Only the
 * {@link Policy} makes these.
 */
public final class Permissions {

    private final Caller caller;
    private final Resource resource;
    private final OrgRole orgRole;

    Permissions(Caller caller, Resource resource, OrgRole orgRole) {
        this.caller = caller;
        this.resource = resource;
        this.orgRole = orgRole;
    }

    public Decision decide(Action action) {
        return AccessRules.decide(caller, action, resource, orgRole);
    }

    public boolean can(Action action) {
        return decide(action).allowed();
    }

    /** Refuses with {@link AccessDeniedException} and the reason. */
    public void require(Action action) {
        decide(action).orThrow();
    }

    public Caller caller() {
        return caller;
    }

    /** The caller's role in the organization the resource belongs to, or null. */
    public OrgRole orgRole() {
        return orgRole;
    }
}
