package org.hubguard.web.api;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.hubguard.access.RequestRefusedException;

/** {@code /api/spaces/...}: hubguard hosts no Spaces; a clear 501 instead of "not found". */
@Path("spaces{rest: (/.*)?}")
@Produces(MediaType.APPLICATION_JSON)
public class SpacesResource {

    @GET
    public void get() {
        throw notAvailable();
    }

    @HEAD
    public void head() {
        throw notAvailable();
    }

    @POST
    public void post() {
        throw notAvailable();
    }

    @PUT
    public void put() {
        throw notAvailable();
    }

    @DELETE
    public void delete() {
        throw notAvailable();
    }

    private static RequestRefusedException notAvailable() {
        return new RequestRefusedException(501, "Spaces are not available on hubguard: it hosts model and dataset repositories.");
    }
}
