package org.hubguard.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.hubguard.health.HealthReport;
import org.hubguard.health.HealthService;
import org.hubguard.web.auth.CurrentCaller;

/**
 * {@code GET /api/health}: 200 when everything hubguard depends on is up, 503 otherwise. Versions and
 * addresses of the components only for site administrators (signed in), up/down for everyone else.
 */
@Path("health")
public class HealthResource {

    @Inject
    HealthService health;

    @Inject
    CurrentCaller caller;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response check() {
        HealthReport report = health.check();
        return Response.status(report.isUp() ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE)
                .entity(caller.get().admin() && caller.get().usesWebSession() ? report : report.withoutDetails())
                .header("Cache-Control", "no-store")
                .build();
    }
}
