package org.hubguard.accounts;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules for user and organization names, as on the Hugging Face Hub: letters, digits, '-', '_' and
 * '.', 2 to 42 characters, starting and ending with a letter or digit, and not a word hubguard's own URLs
 * use.
 */
public final class NameRules {

    public static final int MIN_LENGTH = 2;
    public static final int MAX_LENGTH = 42;

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._-]+");

    /**
     * The first path segments of hubguard's own pages, API and static files. Every other first segment is a
     * user or organization: {@code /alice/bert} is alice's model. hubguard-only pages live under {@code /-/}
     * (a name cannot start with '-'); pages the Hub also has keep the Hub's paths. Compared lower-case.
     */
    static final Set<String> SITE_SEGMENTS = Set.of(
            "-", "api", "datasets", "favicon.ico", "jakarta.faces.resource", "javax.faces.resource", "join", "login",
            "logout", "meta-inf", "models", "new", "organizations", "repos", "resources", "robots.txt", "search",
            "settings", "spaces", "verify-email", "web-inf");

    /**
     * Names no new account or organization may take, though no page uses them: they would pass for hubguard
     * itself. The first administrator is the one account named {@code admin}.
     */
    static final Set<String> UNAVAILABLE = Set.of(
            "about", "account", "accounts", "admin", "administrator", "assets", "blog", "collections", "commit",
            "commits", "css", "dataset", "docs", "git", "health", "help", "hubguard", "js", "model", "none", "null",
            "organization", "orgs", "pricing", "raw", "register", "repo", "resolve", "root", "signin", "signout",
            "signup", "space", "static", "support", "system", "token", "tokens", "tree", "user", "users", "welcome");

    private NameRules() {
    }

    public static final int REPO_MAX_LENGTH = 96;

    /** Whether {@code segment} is one of hubguard's own first path segments (pages, API, static files), never a namespace. */
    public static boolean isSiteSegment(String segment) {
        return SITE_SEGMENTS.contains(Namespace.keyOf(segment));
    }

    /** Why {@code name} cannot be a user or organization name, or empty when it can. */
    public static Optional<String> problemWith(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("Choose a username.");
        }
        if (name.length() < MIN_LENGTH || name.length() > MAX_LENGTH) {
            return Optional.of("A name must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long.");
        }
        String key = Namespace.keyOf(name);
        return shapeProblem(name).or(() -> SITE_SEGMENTS.contains(key) || UNAVAILABLE.contains(key)
                ? Optional.of("'" + name + "' is reserved by hubguard; choose another name.")
                : Optional.empty());
    }

    /** Why {@code name} cannot be a repository name (the part after "namespace/"), or empty when it can. */
    public static Optional<String> repoNameProblem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("Choose a repository name.");
        }
        if (name.length() > REPO_MAX_LENGTH) {
            return Optional.of("A repository name can be at most " + REPO_MAX_LENGTH + " characters long.");
        }
        if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".git")) {
            return Optional.of("A repository name cannot end in '.git': git URLs add it themselves.");
        }
        return shapeProblem(name);
    }

    private static Optional<String> shapeProblem(String name) {
        if (!ALLOWED.matcher(name).matches()) {
            return Optional.of("A name may contain only letters, digits, '-', '_' and '.'.");
        }
        if (!Character.isLetterOrDigit(name.charAt(0)) || !Character.isLetterOrDigit(name.charAt(name.length() - 1))) {
            return Optional.of("A name must start and end with a letter or a digit.");
        }
        if (name.contains("--") || name.contains("..")) {
            return Optional.of("A name cannot contain '--' or '..'.");
        }
        return Optional.empty();
    }
}
