package org.hubguard.web.api;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import org.hubguard.repos.RepoType;
import org.hubguard.repos.Repository;

/** A repository as the Hub's repo-info JSON. */
final class RepoJson {

    private RepoJson() {
    }

    /** Repo info with the head of main and its files, as the Hub's repo info has them. */
    static JsonObjectBuilder info(Repository repo, org.hubguard.git.GitReader git) {
        JsonObjectBuilder json = info(repo);
        git.resolve(repo.getId(), org.hubguard.git.GitStorage.MAIN).ifPresent(head -> {
            json.add("sha", head.name());
            jakarta.json.JsonArrayBuilder siblings = Json.createArrayBuilder();
            git.tree(repo.getId(), head, "", true).orElse(java.util.List.of()).stream()
                    .filter(org.hubguard.git.TreeEntry::isFile)
                    .forEach(entry -> siblings.add(Json.createObjectBuilder().add("rfilename", entry.path())));
            json.add("siblings", siblings);
        });
        return json;
    }

    static JsonObjectBuilder info(Repository repo) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("_id", String.valueOf(repo.getId()))
                .add("id", repo.getFullName())
                .add("author", repo.getNamespaceName())
                .add("private", repo.isPrivate())
                .add("createdAt", repo.getCreatedAt().toString())
                .add("siblings", Json.createArrayBuilder()); // files come with git
        if (repo.getType() == RepoType.MODEL) {
            json.add("modelId", repo.getFullName());
        }
        return json;
    }

    /** The "type" field of a request body: model (the default) or dataset. */
    static RepoType type(String wireName) {
        return RepoType.fromWireName(wireName).orElseThrow(() ->
                new org.hubguard.access.InvalidInputException("'type' must be 'model' or 'dataset'."));
    }
}
