package org.hubguard.web.api;

import static org.hubguard.web.api.JsonP.JSON;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import org.hubguard.access.InvalidInputException;
import org.hubguard.audit.AuditEvent;
import org.hubguard.audit.AuditFilter;
import org.hubguard.audit.AuditPage;
import org.hubguard.audit.AuditReader;
import org.hubguard.config.HubguardConfig;
import org.hubguard.web.auth.CurrentCaller;

/**
 * {@code GET /api/audit-log?actor=&event=&target=&org=&since=&until=&limit=&cursor=}: security events, newest
 * first, a page at a time with {@code Link: <...cursor=...>; rel="next"}; {@code /api/audit-log/export} the same
 * events as one JSON download. Who sees what is {@link AuditReader}'s decision.
 */
@Path("audit-log")
public class AuditLogResource {

    static final int DEFAULT_PAGE = 100;
    static final int MAX_EXPORT = 100_000;

    @Inject
    CurrentCaller caller;

    @Inject
    AuditReader reader;

    @Inject
    HubguardConfig config;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response page(@QueryParam("actor") String actor, @QueryParam("event") String event, @QueryParam("target") String target,
                         @QueryParam("org") String org, @QueryParam("since") String since, @QueryParam("until") String until,
                         @QueryParam("limit") String limit, @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        Long size = number("limit", limit, AuditReader.MAX_PAGE);
        AuditPage page = reader.search(caller.get(), filter(actor, event, target, org, since, until), number("cursor", cursor, Long.MAX_VALUE),
                size == null ? DEFAULT_PAGE : size.intValue());
        Response.ResponseBuilder response = Response.ok(json(page).build());
        if (page.nextCursor() != null) {
            response.header("Link", "<" + nextPage(uri, page.nextCursor()) + ">; rel=\"next\"");
        }
        return response.build();
    }

    /**
     * The same query at the next cursor, under hubguard's own address ({@code HUBGUARD_BASE_URL}), never the
     * request's Host header, which the client chooses.
     */
    String nextPage(UriInfo uri, long cursor) {
        return UriBuilder.fromUri(config.publicUrl()).path("api/audit-log").replaceQuery(uri.getRequestUri().getRawQuery())
                .replaceQueryParam("cursor", cursor).build().toString();
    }

    /** A query parameter that must be a whole number from 1 to {@code max}, or absent: anything else is a 400 saying so. */
    static Long number(String field, String value, long max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long number = Long.parseLong(value.trim());
            if (number >= 1 && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new InvalidInputException("'" + field + "' must be a whole number from 1 to " + max + ", not '"
                + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'.");
    }

    @GET
    @Path("export")
    @Produces(MediaType.APPLICATION_JSON)
    public Response export(@QueryParam("actor") String actor, @QueryParam("event") String event, @QueryParam("target") String target,
                           @QueryParam("org") String org, @QueryParam("since") String since, @QueryParam("until") String until) {
        AuditFilter filter = filter(actor, event, target, org, since, until);
        JsonArrayBuilder all = JSON.createArrayBuilder();
        Long cursor = null;
        int count = 0;
        do {
            AuditPage page = reader.search(caller.get(), filter, cursor, AuditReader.MAX_PAGE);
            page.events().forEach(e -> all.add(json(e)));
            count += page.events().size();
            cursor = page.nextCursor();
        } while (cursor != null && count < MAX_EXPORT);
        return Response.ok(all.build()).header("Content-Disposition", "attachment; filename=\"hubguard-audit-log.json\"").build();
    }

    private static AuditFilter filter(String actor, String event, String target, String org, String since, String until) {
        return new AuditFilter(blankToNull(actor), blankToNull(event), blankToNull(target), blankToNull(org), instant("since", since),
                instant("until", until));
    }

    private static JsonArrayBuilder json(AuditPage page) {
        JsonArrayBuilder events = JSON.createArrayBuilder();
        page.events().forEach(e -> events.add(json(e)));
        return events;
    }

    static JsonObjectBuilder json(AuditEvent event) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("id", event.getId())
                .add("time", event.getOccurredAt().toString())
                .add("event", event.getEvent())
                .add("outcome", event.getOutcome());
        add(json, "actor", event.getActor());
        add(json, "credential", event.getCredential());
        add(json, "address", event.getAddress());
        add(json, "target", event.getTarget());
        add(json, "organization", event.getOrganization());
        add(json, "detail", event.getDetail());
        return json;
    }

    private static void add(JsonObjectBuilder json, String field, String value) {
        if (value == null) {
            json.addNull(field);
        } else {
            json.add(field, value);
        }
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("'" + field + "' must be a time like 2026-01-31T12:00:00Z.");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
