package org.hubguard.web.routing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hubguard.accounts.NameRules;
import org.hubguard.repos.RepoRef;

/**
 * A URL in the Hub's repository space, parsed: {@code /{ns}/{name}[.git]/...} for models and
 * {@code /datasets/{ns}/{name}[.git]/...} for datasets. Paths whose first segment is one of hubguard's own
 * ({@link NameRules#isSiteSegment}) are never repository URLs.
 */
public sealed interface HubUrl {

    RepoRef repo();

    /** git smart HTTP: {@code info/refs}, {@code git-upload-pack}, {@code git-receive-pack}; {@code pathInfo} is what JGit routes on. */
    record Git(RepoRef repo, String pathInfo) implements HubUrl {
    }

    /** The Git LFS API: {@code info/lfs/{action}} (objects/batch, objects/{oid}, locks, ...). */
    record Lfs(RepoRef repo, String action) implements HubUrl {
    }

    /** A file of a revision: {@code resolve/{rev}/{path}}, or {@code raw/...} (an LFS file's pointer), decoded. */
    record File(RepoRef repo, String revision, String path, boolean raw) implements HubUrl {
    }

    /**
     * One of the repository's pages at the Hub's URL: the model card ({@code /{ns}/{name}}), a folder
     * ({@code tree/{rev}/{path}}), a file ({@code blob/{rev}/{path}}), the history ({@code commits/{rev}}) or one
     * commit ({@code commit/{sha}}, the commit API's commitUrl). {@code revision} is null for the card (the
     * default branch), {@code path} is "" when there is none; both decoded.
     */
    record Page(RepoRef repo, PageKind kind, String revision, String path) implements HubUrl {
    }

    /** Which repository page a {@link Page} URL shows. */
    enum PageKind { CARD, TREE, BLOB, COMMITS, COMMIT }

    Pattern REPO = Pattern.compile("^/((?:datasets/)?[^/]+/[^/]+?(?:\\.git)?)(/.*)?$");
    Pattern GIT = Pattern.compile("^/(info/refs|git-upload-pack|git-receive-pack)$");
    Pattern LFS = Pattern.compile("^/info/lfs/(.+)$");
    Pattern FILE = Pattern.compile("^/(resolve|raw)/([^/]+)/(.+)$");
    Pattern CARD = Pattern.compile("^/?$");
    Pattern TREE = Pattern.compile("^/tree/([^/]+)(?:/(.*?))?/?$");
    Pattern BLOB = Pattern.compile("^/blob/([^/]+)/(.+)$");
    Pattern COMMITS = Pattern.compile("^/commits/([^/]+)/?$");
    Pattern COMMIT = Pattern.compile("^/commit/([0-9a-f]{7,40})/?$");

    /**
     * The repository URL that {@code path} (the request URI without the context path, still URL-encoded) is,
     * if any. Throws IllegalArgumentException when a revision or file path is not correctly URL-encoded.
     */
    static Optional<HubUrl> parse(String path) {
        String first = path.startsWith("/") ? path.substring(1).split("/", 2)[0] : "";
        if (!first.equals("datasets") && NameRules.isSiteSegment(first)) {
            return Optional.empty();
        }
        Matcher repo = REPO.matcher(path);
        if (!repo.matches()) {
            return Optional.empty();
        }
        Optional<RepoRef> ref = RepoRef.fromPath(repo.group(1));
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        String rest = repo.group(2) == null ? "" : repo.group(2);
        if (GIT.matcher(rest).matches()) {
            return Optional.of(new Git(ref.get(), path));
        }
        Matcher lfs = LFS.matcher(rest);
        if (lfs.matches()) {
            return Optional.of(new Lfs(ref.get(), lfs.group(1)));
        }
        Matcher file = FILE.matcher(rest);
        if (file.matches()) {
            return Optional.of(new File(ref.get(), decode(file.group(2)), decode(file.group(3)), file.group(1).equals("raw")));
        }
        return page(ref.get(), rest);
    }

    private static Optional<HubUrl> page(RepoRef repo, String rest) {
        if (CARD.matcher(rest).matches()) {
            return Optional.of(new Page(repo, PageKind.CARD, null, ""));
        }
        Matcher tree = TREE.matcher(rest);
        if (tree.matches()) {
            return Optional.of(new Page(repo, PageKind.TREE, decode(tree.group(1)), tree.group(2) == null ? "" : decode(tree.group(2))));
        }
        Matcher blob = BLOB.matcher(rest);
        if (blob.matches()) {
            return Optional.of(new Page(repo, PageKind.BLOB, decode(blob.group(1)), decode(blob.group(2))));
        }
        Matcher commits = COMMITS.matcher(rest);
        if (commits.matches()) {
            return Optional.of(new Page(repo, PageKind.COMMITS, decode(commits.group(1)), ""));
        }
        Matcher commit = COMMIT.matcher(rest);
        if (commit.matches()) {
            return Optional.of(new Page(repo, PageKind.COMMIT, commit.group(1), ""));
        }
        return Optional.empty();
    }

    private static String decode(String encoded) {
        return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
