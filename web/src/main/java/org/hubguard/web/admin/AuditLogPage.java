package org.hubguard.web.admin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.hubguard.audit.AuditEvent;
import org.hubguard.audit.AuditFilter;
import org.hubguard.audit.AuditPage;
import org.hubguard.audit.AuditReader;
import org.hubguard.web.auth.CurrentCaller;

/**
 * Backs {@code /-/admin/audit-log}: the audit log for site administrators, filtered by the query's actor, event,
 * target and org, a page at a time (older pages by cursor). The filters are plain GET parameters, so a filtered
 * view is a link that can be shared, and the JSON export takes the same ones.
 */
@Named
@RequestScoped
public class AuditLogPage {

    static final int PAGE_SIZE = 50;
    private static final DateTimeFormatter DISPLAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @Inject
    AuditReader reader;

    @Inject
    CurrentCaller caller;

    private String actor;
    private String event;
    private String target;
    private String org;
    private Long cursor;
    private AuditPage page;

    public List<AuditEvent> getEvents() {
        return page().events();
    }

    /** The link to the next (older) page, or null on the last one. */
    public String getOlderLink() {
        Long next = page().nextCursor();
        return next == null ? null : "?" + query(Map.of("cursor", String.valueOf(next)));
    }

    public String getExportLink() {
        return "/api/audit-log/export?" + query(Map.of());
    }

    public String display(AuditEvent event) {
        return DISPLAY.format(event.getOccurredAt());
    }

    private AuditPage page() {
        if (page == null) {
            page = reader.search(caller.get(), new AuditFilter(blank(actor), blank(event), blank(target), blank(org), null, null), cursor, PAGE_SIZE);
        }
        return page;
    }

    private String query(Map<String, String> extra) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("actor", actor);
        params.put("event", event);
        params.put("target", target);
        params.put("org", org);
        params.putAll(extra);
        return params.entrySet().stream().filter(e -> blank(e.getValue()) != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    public String getActor() {
        return actor;
    }

    public void setActor(String actor) {
        this.actor = actor;
    }

    public String getEvent() {
        return event;
    }

    public void setEvent(String event) {
        this.event = event;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public String getOrg() {
        return org;
    }

    public void setOrg(String org) {
        this.org = org;
    }

    public Long getCursor() {
        return cursor;
    }

    public void setCursor(Long cursor) {
        this.cursor = cursor;
    }
}
