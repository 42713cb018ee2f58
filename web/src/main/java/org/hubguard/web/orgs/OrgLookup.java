package org.hubguard.web.orgs;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.hubguard.access.Permissions;
import org.hubguard.access.Policy;
import org.hubguard.access.Resources;
import org.hubguard.orgs.Organization;
import org.hubguard.orgs.OrganizationService;
import org.hubguard.web.auth.CurrentCaller;

/** The organization pages' entry point: the organization and the caller's permissions on it, once per request. */
@RequestScoped
public class OrgLookup {

    /** An organization with the caller's permissions; null fields when there is no such organization. */
    record Found(Organization org, Permissions permissions) {
    }

    @Inject
    OrganizationService organizations;

    @Inject
    Policy policy;

    @Inject
    CurrentCaller caller;

    private final Map<String, Found> found = new HashMap<>();

    Found find(String name) {
        return found.computeIfAbsent(String.valueOf(name), key -> organizations.find(name)
                .map(org -> new Found(org, policy.permissions(caller.get(), new Resources.Org(org.getName()))))
                .orElse(new Found(null, null)));
    }

    /** After a change in this request (a new token): the next look reads the organization again. */
    void forget(String name) {
        found.remove(String.valueOf(name));
    }
}
