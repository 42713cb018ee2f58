package org.hubguard.web.api;

import static org.hubguard.web.api.JsonP.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.hubguard.cards.CardMetadata;

/**
 * {@code POST /api/validate-yaml} {content, repoType}: checks a README's metadata before huggingface_hub commits
 * it. 200 {errors: [], warnings: []}, or 400 with {@code errors[].message} (which the client shows) and the
 * usual {@code error}. The client reads the JSON before the status, so every answer is JSON.
 */
@Path("validate-yaml")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ValidateYamlResource {

    @POST
    public Response validate(JsonObject body) {
        JsonBodies.required(body);
        String content = JsonBodies.string(body, "content");
        if (content == null) {
            return problems(400, java.util.List.of("Send {\"content\": \"<the README.md text>\", \"repoType\": \"model\"|\"dataset\"}."));
        }
        CardMetadata card = CardMetadata.parse(content);
        return card.isValid() ? problems(200, java.util.List.of()) : problems(400, card.errors());
    }

    private static Response problems(int status, java.util.List<String> errors) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        errors.forEach(e -> list.add(JSON.createObjectBuilder().add("message", e)));
        var json = JSON.createObjectBuilder().add("errors", list).add("warnings", JSON.createArrayBuilder());
        if (!errors.isEmpty()) {
            json.add("error", "Invalid metadata in README.md: " + String.join(" ", errors));
        }
        return Response.status(status).entity(json.build()).build();
    }
}
