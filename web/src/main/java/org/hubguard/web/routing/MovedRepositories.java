package org.hubguard.web.routing;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hubguard.repos.RepoRef;
import org.hubguard.repos.RepositoryMovedException;

/**
 * Where a request to a renamed or moved repository's old name goes: the same URL with the repository's new
 * name, for the API ({@code /api/models/{ns}/{name}/...}) and the Hub's repository URLs (git, downloads,
 * pages). A path-only Location: huggingface_hub follows only relative redirects on its metadata HEAD.
 */
public final class MovedRepositories {

    private static final Pattern API = Pattern.compile("^/api/(models|datasets)/([^/]+)/([^/]+)(/.*)?$");

    private MovedRepositories() {
    }

    /** The new location of {@code path} (without the context path, still URL-encoded), if the path names the old repository. */
    public static Optional<String> location(String contextPath, String path, String query, RepositoryMovedException moved) {
        String suffix = query == null || query.isEmpty() ? "" : "?" + query;
        Matcher api = API.matcher(path);
        if (api.matches()) {
            if (!names(moved.from(), api.group(2), api.group(3))) {
                return Optional.empty();
            }
            return Optional.of(contextPath + "/api/" + moved.to().type().plural() + "/" + moved.to().fullName()
                    + (api.group(4) == null ? "" : api.group(4)) + suffix);
        }
        Matcher hub = HubUrl.REPO.matcher(path);
        if (hub.matches() && RepoRef.fromPath(hub.group(1)).filter(ref -> names(moved.from(), ref.namespace(), ref.name())).isPresent()) {
            String git = hub.group(1).endsWith(".git") ? ".git" : "";
            return Optional.of(contextPath + "/" + moved.to().type().urlPrefix() + moved.to().fullName() + git
                    + (hub.group(2) == null ? "" : hub.group(2)) + suffix);
        }
        return Optional.empty();
    }

    private static boolean names(RepoRef ref, String namespace, String name) {
        return ref.namespace().equalsIgnoreCase(namespace) && ref.name().equalsIgnoreCase(name.endsWith(".git") ? name.substring(0, name.length() - 4) : name);
    }
}
