package org.hubguard.orgs;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.hubguard.access.AccessDeniedException;
import org.hubguard.access.Action;
import org.hubguard.access.Caller;
import org.hubguard.access.ConflictException;
import org.hubguard.access.Denial;
import org.hubguard.access.InvalidInputException;
import org.hubguard.access.NotFoundException;
import org.hubguard.access.OrgRole;
import org.hubguard.access.Policy;
import org.hubguard.access.Resources;
import org.hubguard.accounts.AccountService;
import org.hubguard.accounts.NameRules;
import org.hubguard.accounts.Namespace;
import org.hubguard.accounts.NamespaceKind;
import org.hubguard.accounts.User;
import org.hubguard.audit.AuditLog;
import org.hubguard.audit.AuditOutcome;

/** Organizations, their members and roles, and the organization token. */
@Stateless
public class OrganizationService {

    @PersistenceContext
    EntityManager em;

    @Inject
    Policy policy;

    @Inject
    AuditLog audit;

    @Inject
    AccountService accounts;

    private final Clock clock = Clock.systemUTC();

    /** Creates an organization in the shared namespace; its creator becomes its first admin. */
    public Organization create(Caller caller, String name, String fullName, String description) {
        policy.require(caller, Action.CREATE_ORG, Resources.SITE);
        String trimmed = name == null ? "" : name.trim();
        NameRules.problemWith(trimmed).ifPresent(problem -> {
            throw new InvalidInputException(problem.replace("Choose a username.", "Choose a name for the organization."));
        });
        String display = fullName == null || fullName.isBlank() ? trimmed : fullName.trim();
        if (display.length() > 100) {
            throw new InvalidInputException("The full name can be at most 100 characters long.");
        }
        if (description != null && description.length() > 2000) {
            throw new InvalidInputException("The description can be at most 2000 characters long.");
        }
        if (accounts.namespaceTaken(trimmed)) {
            throw new ConflictException("The name '" + trimmed + "' is already taken by a user or an organization.");
        }
        Instant now = clock.instant();
        Organization org = new Organization(new Namespace(trimmed, NamespaceKind.ORGANIZATION, now), display, blankToNull(description), now);
        em.persist(org);
        em.persist(new Membership(org, user(caller.username()), OrgRole.ADMIN, now));
        flushOrConflict("The name '" + trimmed + "' was just taken by a user or an organization.");
        return org;
    }

    public Optional<Organization> find(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        return em.createQuery("select o from Organization o where o.namespace.nameKey = :key", Organization.class)
                .setParameter("key", Namespace.keyOf(name.trim()))
                .getResultStream().findFirst();
    }

    public Organization get(String name) {
        return find(name).orElseThrow(() -> new NotFoundException("OrganizationNotFound", "There is no organization '" + name + "'."));
    }

    public List<Membership> members(Caller caller, String orgName) {
        Organization org = get(orgName);
        policy.require(caller, Action.READ_ORG, new Resources.Org(org.getName()));
        return membersOf(org);
    }

    /** The organizations a user belongs to, with their role: for whoami and the user's pages. */
    public List<Membership> membershipsOf(String username) {
        return em.createQuery("select m from Membership m where m.user.namespace.nameKey = :key order by m.organization.namespace.nameKey", Membership.class)
                .setParameter("key", Namespace.keyOf(username))
                .getResultList();
    }

    public Membership addMember(Caller caller, String orgName, String username, OrgRole role) {
        Organization org = manage(caller, orgName);
        User user = accounts.findByUsername(username)
                .orElseThrow(() -> new InvalidInputException("There is no user '" + username + "'."));
        if (role == null) {
            throw new InvalidInputException("Choose a role: read, contributor, write or admin.");
        }
        if (membership(org, user.getUsername()).isPresent()) {
            throw new ConflictException(user.getUsername() + " is already a member of " + org.getName() + ".");
        }
        Membership membership = new Membership(org, user, role, clock.instant());
        em.persist(membership);
        flushOrConflict(user.getUsername() + " is already a member of " + org.getName() + ".");
        audit.record("org.add_member", caller, user.getUsername(), org.getName(), AuditOutcome.SUCCESS, "role " + role.name().toLowerCase(java.util.Locale.ROOT));
        return membership;
    }

    public void changeRole(Caller caller, String orgName, String username, OrgRole role) {
        Organization org = manage(caller, orgName);
        if (role == null) {
            throw new InvalidInputException("Choose a role: read, contributor, write or admin.");
        }
        Membership membership = existingMembership(org, username);
        if (membership.getRole() == OrgRole.ADMIN && role != OrgRole.ADMIN) {
            requireAnotherAdmin(org);
        }
        audit.record("org.update_member", caller, membership.getUser().getUsername(), org.getName(), AuditOutcome.SUCCESS,
                "role " + membership.getRole().name().toLowerCase(java.util.Locale.ROOT) + " -> " + role.name().toLowerCase(java.util.Locale.ROOT));
        membership.setRole(role);
    }

    public void removeMember(Caller caller, String orgName, String username) {
        Organization org = manage(caller, orgName);
        Membership membership = existingMembership(org, username);
        if (membership.getRole() == OrgRole.ADMIN) {
            requireAnotherAdmin(org);
        }
        audit.record("org.remove_member", caller, membership.getUser().getUsername(), org.getName(), AuditOutcome.SUCCESS,
                "was " + membership.getRole().name().toLowerCase(java.util.Locale.ROOT));
        em.remove(membership);
    }

    public void updateProfile(Caller caller, String orgName, String fullName, String description) {
        Organization org = get(orgName);
        policy.require(caller, Action.MANAGE_ORG, new Resources.Org(org.getName()));
        if (fullName == null || fullName.isBlank() || fullName.length() > 100) {
            throw new InvalidInputException("The full name must be 1 to 100 characters long.");
        }
        if (description != null && description.length() > 2000) {
            throw new InvalidInputException("The description can be at most 2000 characters long.");
        }
        org.updateProfile(fullName.trim(), blankToNull(description));
    }

    /** Organization setting (admins): every repository of the organization requires signed commits. */
    public void setRequireSigned(Caller caller, String orgName, boolean required) {
        Organization org = get(orgName);
        policy.require(caller, Action.MANAGE_ORG, new Resources.Org(org.getName()));
        if (org.isRequireSigned() && !required) {
            audit.record("org.update_settings", caller, org.getName(), org.getName(), AuditOutcome.SUCCESS, "requireSignedCommits=false");
        }
        org.setRequireSigned(required);
    }

    /** Organization setting (admins): every repository of the organization protects its default branch. */
    public void setProtectDefaultBranch(Caller caller, String orgName, boolean protect) {
        Organization org = get(orgName);
        policy.require(caller, Action.MANAGE_ORG, new Resources.Org(org.getName()));
        if (org.isProtectDefaultBranch() && !protect) {
            audit.record("org.update_settings", caller, org.getName(), org.getName(), AuditOutcome.SUCCESS, "protectDefaultBranch=false");
        }
        org.setProtectDefaultBranch(protect);
    }

    /** A new organization token (read access to the organization's repositories); returned once. */
    public String refreshToken(Caller caller, String orgName) {
        Organization org = get(orgName);
        policy.require(caller, Action.REFRESH_ORG_TOKEN, new Resources.Org(org.getName()));
        audit.record("org.token_refresh", caller, "organization token of " + org.getName(), org.getName(), AuditOutcome.SUCCESS, null);
        return org.newToken(clock.instant());
    }

    private Organization manage(Caller caller, String orgName) {
        Organization org = get(orgName);
        policy.require(caller, Action.MANAGE_MEMBERS, new Resources.Org(org.getName()));
        return org;
    }

    private Membership existingMembership(Organization org, String username) {
        return membership(org, username)
                .orElseThrow(() -> new NotFoundException("MemberNotFound", username + " is not a member of " + org.getName() + "."));
    }

    private Optional<Membership> membership(Organization org, String username) {
        return em.createQuery("select m from Membership m where m.organization = :org and m.user.namespace.nameKey = :user", Membership.class)
                .setParameter("org", org).setParameter("user", Namespace.keyOf(username))
                .getResultStream().findFirst();
    }

    private void requireAnotherAdmin(Organization org) {
        // Serialise admin changes per organization: two admins demoting each other at once must not both win.
        em.lock(org, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        long admins = em.createQuery("select count(m) from Membership m where m.organization = :org and m.role = :admin", Long.class)
                .setParameter("org", org).setParameter("admin", OrgRole.ADMIN).getSingleResult();
        if (admins <= 1) {
            throw new ConflictException("An organization needs at least one admin: make someone else admin first.");
        }
    }

    private void flushOrConflict(String message) {
        try {
            em.flush(); // a concurrent identical request fails here, on a unique key
        } catch (jakarta.persistence.PersistenceException e) {
            throw new ConflictException(message);
        }
    }

    private List<Membership> membersOf(Organization org) {
        return em.createQuery("select m from Membership m where m.organization = :org order by m.user.namespace.nameKey", Membership.class)
                .setParameter("org", org).getResultList();
    }

    private User user(String username) {
        return accounts.findByUsername(username).orElseThrow(() -> new AccessDeniedException(Denial.NOT_SIGNED_IN));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
