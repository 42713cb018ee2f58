package org.hubguard.web.api;

import static org.hubguard.web.api.JsonP.JSON;

import jakarta.json.JsonObjectBuilder;

import org.hubguard.repos.RepoType;
import org.hubguard.repos.Repository;

/** A repository as the settings and create answers show it (repo info itself: {@link RepoInfoJson}). */
final class RepoJson {

    private RepoJson() {
    }

    static JsonObjectBuilder info(Repository repo) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("_id", String.valueOf(repo.getId()))
                .add("id", repo.getFullName())
                .add("author", repo.getNamespaceName())
                .add("private", repo.isPrivate())
                .add("createdAt", repo.getCreatedAt().toString())
                .add("siblings", JSON.createArrayBuilder()); // files come with git
        if (repo.getType() == RepoType.MODEL) {
            json.add("modelId", repo.getFullName());
        }
        return json;
    }

    /** The "type" field of a request body: model (the default) or dataset. */
    static RepoType type(String wireName) {
        if ("space".equals(wireName)) {
            throw new org.hubguard.access.InvalidInputException("Spaces are not available on hubguard: "
                    + "it hosts model and dataset repositories ('type' must be 'model' or 'dataset').");
        }
        return RepoType.fromWireName(wireName).orElseThrow(() ->
                new org.hubguard.access.InvalidInputException("'type' must be 'model' or 'dataset'."));
    }
}
