package org.hubguard.web.api;

import static org.hubguard.web.api.JsonP.JSON;

import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.hubguard.access.InvalidInputException;
import org.hubguard.access.OrgRole;
import org.hubguard.orgs.Membership;
import org.hubguard.orgs.Organization;
import org.hubguard.orgs.OrganizationService;
import org.hubguard.web.auth.CurrentCaller;

/** {@code /api/organizations/...}: create, members (read and up), member management, profile and token (admins). */
@Path("organizations")
@Produces(MediaType.APPLICATION_JSON)
public class OrganizationsResource {

    @Inject
    OrganizationService organizations;

    @Inject
    CurrentCaller caller;

    /** {name, fullname?, description?}; only from a signed-in web session. */
    @POST
    @Path("new")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonObject body) {
        JsonBodies.required(body);
        Organization org = organizations.create(caller.get(), JsonBodies.requiredString(body, "name"),
                JsonBodies.string(body, "fullname"), JsonBodies.string(body, "description"));
        return Response.status(Response.Status.CREATED).entity(JSON.createObjectBuilder()
                .add("name", org.getName()).add("fullname", org.getFullName()).build()).build();
    }

    @GET
    @Path("{org}/members")
    public Response members(@PathParam("org") String org) {
        JsonArrayBuilder members = JSON.createArrayBuilder();
        for (Membership m : organizations.members(caller.get(), org)) {
            members.add(JSON.createObjectBuilder().add("type", "user").add("user", m.getUsername())
                    .add("fullname", m.getUsername()).add("role", m.getRole().wireName()));
        }
        return Response.ok(members.build()).build();
    }

    /** {username, role} */
    @POST
    @Path("{org}/members")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addMember(@PathParam("org") String org, JsonObject body) {
        JsonBodies.required(body);
        Membership m = organizations.addMember(caller.get(), org, JsonBodies.requiredString(body, "username"), role(body));
        return Response.status(Response.Status.CREATED).entity(JSON.createObjectBuilder()
                .add("user", m.getUsername()).add("role", m.getRole().wireName()).build()).build();
    }

    /** {role} */
    @PUT
    @Path("{org}/members/{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changeRole(@PathParam("org") String org, @PathParam("username") String username, JsonObject body) {
        JsonBodies.required(body);
        organizations.changeRole(caller.get(), org, username, role(body));
        return Response.ok(JSON.createObjectBuilder().add("user", username).add("role", JsonBodies.string(body, "role")).build()).build();
    }

    @DELETE
    @Path("{org}/members/{username}")
    public Response removeMember(@PathParam("org") String org, @PathParam("username") String username) {
        organizations.removeMember(caller.get(), org, username);
        return Response.ok(JSON.createObjectBuilder().build()).build();
    }

    /** {fullname?, description?, requireSignedCommits?, protectDefaultBranch?} */
    @PUT
    @Path("{org}/settings")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response updateProfile(@PathParam("org") String org, JsonObject body) {
        JsonBodies.required(body);
        Boolean requireSigned = JsonBodies.bool(body, "requireSignedCommits");
        Boolean protectMain = JsonBodies.bool(body, "protectDefaultBranch");
        if (requireSigned == null && protectMain == null || body.containsKey("fullname")) {
            organizations.updateProfile(caller.get(), org, JsonBodies.requiredString(body, "fullname"), JsonBodies.string(body, "description"));
        }
        if (requireSigned != null) {
            organizations.setRequireSigned(caller.get(), org, requireSigned);
        }
        if (protectMain != null) {
            organizations.setProtectDefaultBranch(caller.get(), org, protectMain);
        }
        return Response.ok(JSON.createObjectBuilder().build()).build();
    }

    /** A new organization token (read access to the organization's repositories), shown in this response only. */
    @POST
    @Path("{org}/token")
    public Response refreshToken(@PathParam("org") String org) {
        String secret = organizations.refreshToken(caller.get(), org);
        return Response.ok(JSON.createObjectBuilder().add("token", secret).build()).header("Cache-Control", "no-store").build();
    }

    private static OrgRole role(JsonObject body) {
        String role = JsonBodies.requiredString(body, "role");
        return OrgRole.fromWireName(role)
                .orElseThrow(() -> new InvalidInputException("'role' must be one of read, contributor, write, admin."));
    }
}
