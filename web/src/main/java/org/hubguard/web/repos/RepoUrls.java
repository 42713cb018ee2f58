package org.hubguard.web.repos;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.hubguard.repos.Repository;

/**
 * The Hub's URLs of a repository's pages (without the context path), the one place that builds them:
 * {@code /{ns}/{name}}, {@code .../tree/{rev}/{path}}, {@code .../blob/{rev}/{path}}, {@code .../commits/{rev}},
 * {@code .../commit/{sha}}; datasets under {@code /datasets}. A revision is one path segment (a branch
 * {@code feature/x} is {@code feature%2Fx}, as the Hub encodes it); a file path keeps its slashes.
 */
@Named("repoUrls")
@ApplicationScoped
public class RepoUrls {

    public String card(Repository repo) {
        return repo.getPath();
    }

    public String tree(Repository repo, String revision, String path) {
        return treeOf(repo.getPath(), revision, path);
    }

    public String blob(Repository repo, String revision, String path) {
        return blobOf(repo.getPath(), revision, path);
    }

    public String resolve(Repository repo, String revision, String path) {
        return repo.getPath() + "/resolve/" + segment(revision) + "/" + filePath(path);
    }

    public String commits(Repository repo, String revision) {
        return commitsOf(repo.getPath(), revision);
    }

    public String commit(Repository repo, String sha) {
        return repo.getPath() + "/commit/" + sha;
    }

    /** The prefixes that a markdown file's relative links and images in {@code folder} resolve against (blob and resolve URLs). */
    public static String[] folderBases(Repository repo, String revision, String folder) {
        String inFolder = folder == null || folder.isEmpty() ? "" : filePath(folder) + "/";
        String base = repo.getPath() + "/";
        return new String[] {base + "blob/" + segment(revision) + "/" + inFolder, base + "resolve/" + segment(revision) + "/" + inFolder};
    }

    /** {@code base} is the repository's path, {@code /alice/bert} or {@code /datasets/acme/corpus}. */
    public static String treeOf(String base, String revision, String path) {
        return base + "/tree/" + segment(revision) + (path == null || path.isEmpty() ? "" : "/" + filePath(path));
    }

    public static String blobOf(String base, String revision, String path) {
        return base + "/blob/" + segment(revision) + "/" + filePath(path);
    }

    public static String commitsOf(String base, String revision) {
        return base + "/commits/" + segment(revision);
    }

    /** One URL path segment; a space is %20 (a '+' in the Hub's paths is a plus). */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String filePath(String path) {
        return Arrays.stream(path.split("/", -1)).map(RepoUrls::segment).collect(Collectors.joining("/"));
    }
}
