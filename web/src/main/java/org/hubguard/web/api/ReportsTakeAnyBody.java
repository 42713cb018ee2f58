package org.hubguard.web.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * A report to {@code POST /api/credentials/revoke} is taken whatever its Content-Type says: a scanner may send a
 * junk one, and the endpoint answers 202 to every report (a 400 or 415 would tell the sender nothing useful and
 * keep a leaked token live). Before matching, because a Content-Type that is no media type fails the matching.
 */
@Provider
@PreMatching
public class ReportsTakeAnyBody implements ContainerRequestFilter {

    static final String REVOKE_PATH = "credentials/revoke";

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/")) {
            path = path.substring(1);
        }
        if (path.equals(REVOKE_PATH) || path.equals(REVOKE_PATH + "/")) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_OCTET_STREAM);
        }
    }
}
