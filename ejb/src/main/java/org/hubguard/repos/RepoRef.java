package org.hubguard.repos;

import java.util.Optional;

/** A repository as a URL or a request names it: type, namespace and name, not yet looked up. */
public record RepoRef(RepoType type, String namespace, String name) {

    /**
     * The repository a Hub URL path names: "alice/bert", "alice/bert.git", "datasets/acme/corpus"; empty
     * when the path has another shape.
     */
    public static Optional<RepoRef> fromPath(String path) {
        String[] parts = path.replaceAll("^/+|/+$", "").split("/", -1);
        if (parts.length == 3 && parts[0].equals("datasets")) {
            return of(RepoType.DATASET, parts[1], parts[2]);
        }
        return parts.length == 2 ? of(RepoType.MODEL, parts[0], parts[1]) : Optional.empty();
    }

    private static Optional<RepoRef> of(RepoType type, String namespace, String name) {
        String bare = name.endsWith(".git") ? name.substring(0, name.length() - 4) : name;
        return namespace.isEmpty() || bare.isEmpty() ? Optional.empty() : Optional.of(new RepoRef(type, namespace, bare));
    }

    public String fullName() {
        return namespace + "/" + name;
    }
}
