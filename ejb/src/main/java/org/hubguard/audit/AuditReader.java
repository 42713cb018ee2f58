package org.hubguard.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import org.hubguard.access.AccessDeniedException;
import org.hubguard.access.Action;
import org.hubguard.access.Caller;
import org.hubguard.access.Denial;
import org.hubguard.access.OrgRole;
import org.hubguard.access.Policy;
import org.hubguard.access.Resources;
import org.hubguard.orgs.OrganizationService;

/**
 * Reads the audit log for those who may: site administrators see every event (ADMINISTER_USERS, a web session);
 * an organization's admins see that organization's events (MANAGE_MEMBERS on it, as the policy decides, so a
 * token needs org.write there). Everyone else gets 403.
 */
@Stateless
public class AuditReader {

    public static final int MAX_PAGE = 1000;

    @PersistenceContext
    EntityManager em;

    @Inject
    Policy policy;

    @Inject
    OrganizationService organizations;

    /** One page of the events matching {@code filter}, older than {@code cursor} (an event id) when given. */
    public AuditPage search(Caller caller, AuditFilter filter, Long cursor, int limit) {
        List<String> orgs = readableOrganizations(caller, filter.organization());
        StringBuilder jpql = new StringBuilder("select e from AuditEvent e where 1 = 1");
        if (orgs != null) {
            jpql.append(" and e.organization in :orgs");
        }
        if (filter.organization() != null) {
            jpql.append(" and e.organization = :org");
        }
        if (filter.actor() != null) {
            jpql.append(" and lower(e.actor) = :actor");
        }
        if (filter.event() != null) {
            jpql.append(filter.event().contains(".") ? " and e.event = :event" : " and e.event like :event");
        }
        if (filter.target() != null) {
            jpql.append(" and lower(e.target) like :target escape '!'");
        }
        if (filter.since() != null) {
            jpql.append(" and e.occurredAt >= :since");
        }
        if (filter.until() != null) {
            jpql.append(" and e.occurredAt < :until");
        }
        if (cursor != null) {
            jpql.append(" and e.id < :cursor");
        }
        jpql.append(" order by e.id desc");
        TypedQuery<AuditEvent> query = em.createQuery(jpql.toString(), AuditEvent.class);
        if (orgs != null) {
            query.setParameter("orgs", orgs);
        }
        if (filter.organization() != null) {
            query.setParameter("org", canonical(filter.organization(), orgs));
        }
        if (filter.actor() != null) {
            query.setParameter("actor", filter.actor().toLowerCase(Locale.ROOT));
        }
        if (filter.event() != null) {
            query.setParameter("event", filter.event().contains(".") ? filter.event() : filter.event() + ".%");
        }
        if (filter.target() != null) {
            query.setParameter("target", "%" + filter.target().toLowerCase(Locale.ROOT).replaceAll("[!%_]", "!$0") + "%");
        }
        if (filter.since() != null) {
            query.setParameter("since", filter.since());
        }
        if (filter.until() != null) {
            query.setParameter("until", filter.until());
        }
        if (cursor != null) {
            query.setParameter("cursor", cursor);
        }
        int size = Math.max(1, Math.min(limit, MAX_PAGE));
        List<AuditEvent> events = query.setMaxResults(size + 1).getResultList();
        if (events.size() <= size) {
            return new AuditPage(events, null);
        }
        List<AuditEvent> page = events.subList(0, size);
        return new AuditPage(List.copyOf(page), page.get(size - 1).getId());
    }

    /** Whether the caller may read any of the audit log (the admin page's link). */
    public boolean mayRead(Caller caller) {
        try {
            readableOrganizations(caller, null);
            return true;
        } catch (AccessDeniedException e) {
            return false;
        }
    }

    /**
     * null: every event (a site administrator); otherwise the organizations whose events the caller may read,
     * never empty (refused instead).
     */
    private List<String> readableOrganizations(Caller caller, String requested) {
        if (caller == null || caller.isAnonymous()) {
            throw new AccessDeniedException(Denial.NOT_SIGNED_IN);
        }
        if (policy.allows(caller, Action.ADMINISTER_USERS, new Resources.Site())) {
            return null;
        }
        List<String> candidates = new ArrayList<>();
        if (requested != null) {
            organizations.find(requested).ifPresent(org -> candidates.add(org.getName()));
        } else if (caller.isUser()) {
            organizations.membershipsOf(caller.username()).stream().filter(m -> m.getRole() == OrgRole.ADMIN)
                    .forEach(m -> candidates.add(m.getOrganization().getName()));
        }
        List<String> readable = candidates.stream()
                .filter(org -> policy.allows(caller, Action.MANAGE_MEMBERS, new Resources.Org(org))).toList();
        if (readable.isEmpty()) {
            throw new AccessDeniedException(Denial.NOT_PERMITTED);
        }
        return readable;
    }

    /** The organization's name as recorded (the filter may differ in case). */
    private static String canonical(String requested, List<String> orgs) {
        if (orgs != null) {
            return orgs.stream().filter(o -> o.equalsIgnoreCase(requested)).findFirst().orElse(requested);
        }
        return requested;
    }
}
