package org.hubguard.web.api;

import static org.hubguard.web.api.JsonP.JSON;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.hubguard.access.Caller;
import org.hubguard.access.Credential;
import org.hubguard.access.RequestRefusedException;
import org.hubguard.accounts.AccountService;
import org.hubguard.accounts.User;
import org.hubguard.orgs.Membership;
import org.hubguard.orgs.Organization;
import org.hubguard.orgs.OrganizationService;
import org.hubguard.tokens.ScopeKind;
import org.hubguard.tokens.TokenGrant;
import org.hubguard.web.auth.CurrentCaller;

/** {@code GET /api/whoami-v2}: who the presented credential stands for, in the Hugging Face Hub's shape. */
@Path("whoami-v2")
public class WhoAmIResource {

    @Inject
    CurrentCaller currentCaller;

    @Inject
    AccountService accounts;

    @Inject
    OrganizationService organizations;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response whoAmI() {
        Caller caller = currentCaller.get();
        if (caller.credential() instanceof Credential.OrgToken orgToken) {
            return organizationToken(orgToken);
        }
        User user = caller.isAnonymous() ? null : accounts.findByUsername(caller.username()).orElse(null);
        if (user == null) {
            throw new RequestRefusedException(401, "You must be authenticated: send an access token as 'Authorization: Bearer hf_...'.");
        }
        JsonObject body = JSON.createObjectBuilder()
                .add("type", "user")
                .add("id", String.valueOf(user.getId()))
                .add("name", user.getUsername())
                .add("fullname", user.getUsername())
                .add("email", user.getEmail())
                .add("emailVerified", user.isEmailVerified())
                .add("isPro", false)
                .add("canPay", false)
                .add("orgs", orgs(user.getUsername()))
                .add("auth", auth(caller.credential()))
                .build();
        return Response.ok(body).header("Cache-Control", "no-store").build();
    }

    private JsonArrayBuilder orgs(String username) {
        JsonArrayBuilder orgs = JSON.createArrayBuilder();
        for (Membership m : organizations.membershipsOf(username)) {
            orgs.add(JSON.createObjectBuilder().add("type", "org").add("name", m.getOrganization().getName())
                    .add("fullname", m.getOrganization().getFullName()).add("roleInOrg", m.getRole().wireName()));
        }
        return orgs;
    }

    private Response organizationToken(Credential.OrgToken token) {
        Organization org = organizations.get(token.organization());
        JsonObject body = JSON.createObjectBuilder()
                .add("type", "org")
                .add("id", String.valueOf(org.getId()))
                .add("name", org.getName())
                .add("fullname", org.getFullName())
                .add("auth", JSON.createObjectBuilder().add("type", "access_token").add("accessToken", JSON.createObjectBuilder()
                        .add("displayName", "organization token").add("role", "read")
                        .add("createdAt", token.createdAt().toString())))
                .build();
        return Response.ok(body).header("Cache-Control", "no-store").build();
    }

    private static JsonObjectBuilder auth(Credential credential) {
        if (!(credential instanceof Credential.Token token)) {
            return JSON.createObjectBuilder().add("type", "session");
        }
        JsonObjectBuilder accessToken = JSON.createObjectBuilder()
                .add("displayName", token.name())
                .add("role", token.role().wireName())
                .add("createdAt", token.createdAt().toString());
        if (!token.grants().isEmpty()) {
            accessToken.add("fineGrained", fineGrained(token.grants()));
        }
        return JSON.createObjectBuilder().add("type", "access_token").add("accessToken", accessToken);
    }

    /** {"global": [permissions], "scoped": [{"entity": {"type", "name"}, "permissions": [...]}]} */
    private static JsonObjectBuilder fineGrained(List<TokenGrant> grants) {
        JsonArrayBuilder global = JSON.createArrayBuilder();
        grants.stream().filter(g -> g.getScopeKind() == ScopeKind.GLOBAL)
                .forEach(g -> global.add(g.getPermission().wireName()));
        Map<String, List<TokenGrant>> byEntity = grants.stream()
                .filter(g -> g.getScopeKind() != ScopeKind.GLOBAL)
                .collect(Collectors.groupingBy(g -> g.getScopeKind().wireName() + "\u0000" + g.getScopeName(),
                        java.util.LinkedHashMap::new, Collectors.toList()));
        JsonArrayBuilder scoped = JSON.createArrayBuilder();
        byEntity.values().forEach(entityGrants -> {
            TokenGrant first = entityGrants.get(0);
            JsonArrayBuilder permissions = JSON.createArrayBuilder();
            entityGrants.forEach(g -> permissions.add(g.getPermission().wireName()));
            scoped.add(JSON.createObjectBuilder()
                    .add("entity", JSON.createObjectBuilder().add("type", first.getScopeKind().wireName()).add("name", first.getScopeName()))
                    .add("permissions", permissions));
        });
        return JSON.createObjectBuilder().add("global", global).add("scoped", scoped);
    }
}
