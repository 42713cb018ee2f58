package org.hubguard.web.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.servlet.annotation.WebServlet;
import jakarta.ws.rs.ApplicationPath;

import org.hubguard.accounts.NameRules;
import org.hubguard.repos.RepoType;
import org.junit.jupiter.api.Test;

/**
 * Namespaces and hubguard's own pages never collide: every first path segment hubguard serves is one that no
 * user or organization can take, and every other first segment is a namespace.
 */
class SitePathsTest {

    @Test
    void everyPageServletAndApiRootLivesUnderASiteSegment() throws Exception {
        List<String> segments = new ArrayList<>();
        try (Stream<Path> webapp = Files.list(Path.of("src/main/webapp"))) {
            webapp.map(p -> p.getFileName().toString().replaceAll("\\.xhtml$", "")).forEach(segments::add);
        }
        for (Class<?> type : webClasses()) {
            WebServlet servlet = type.getAnnotation(WebServlet.class);
            if (servlet != null) {
                for (String pattern : servlet.urlPatterns().length > 0 ? servlet.urlPatterns() : servlet.value()) {
                    segments.add(firstSegment(pattern));
                }
            }
            ApplicationPath api = type.getAnnotation(ApplicationPath.class);
            if (api != null) {
                segments.add(firstSegment(api.value()));
            }
        }
        assertTrue(segments.contains("api") && segments.contains("logout") && segments.contains("-"), segments.toString());
        for (String segment : segments) {
            if (!segment.equals("index")) { // the home page is served at "/"
                assertTrue(NameRules.isSiteSegment(segment), "/" + segment + " must be a site segment (NameRules), or a user could take it");
                assertTrue(NameRules.problemWith(segment).isPresent() || segment.equals("-"), segment + " must not be a valid name");
            }
        }
    }

    @Test
    void repositoryUrlsAreEverythingElse() {
        assertEquals(new HubUrl.Page(new org.hubguard.repos.RepoRef(RepoType.MODEL, "admin", "first"), HubUrl.PageKind.CARD, null, ""),
                HubUrl.parse("/admin/first").orElseThrow(), "the first administrator's namespace works like any other");
        assertEquals(new HubUrl.Page(new org.hubguard.repos.RepoRef(RepoType.MODEL, "alice", "bert"), HubUrl.PageKind.TREE, "feature/x", "a b/c"),
                HubUrl.parse("/alice/bert/tree/feature%2Fx/a%20b/c").orElseThrow());
        assertEquals(new HubUrl.Page(new org.hubguard.repos.RepoRef(RepoType.DATASET, "acme", "corpus"), HubUrl.PageKind.BLOB, "v1", "data/train.csv"),
                HubUrl.parse("/datasets/acme/corpus/blob/v1/data/train.csv").orElseThrow());
        assertEquals(HubUrl.PageKind.COMMITS, ((HubUrl.Page) HubUrl.parse("/alice/bert/commits/main").orElseThrow()).kind());
        assertEquals(HubUrl.PageKind.COMMIT, ((HubUrl.Page) HubUrl.parse("/alice/bert/commit/0123456789abcdef0123456789abcdef01234567").orElseThrow()).kind());
        assertTrue(HubUrl.parse("/admin/first.git/info/refs").orElseThrow() instanceof HubUrl.Git);
        assertEquals(new HubUrl.File(new org.hubguard.repos.RepoRef(RepoType.DATASET, "acme", "corpus"), "refs/pr/1", "a b/c+d.txt", false),
                HubUrl.parse("/datasets/acme/corpus/resolve/refs%2Fpr%2F1/a%20b/c+d.txt").orElseThrow());
        assertFalse(HubUrl.parse("/settings/tokens").isPresent());
        assertFalse(HubUrl.parse("/api/models").isPresent());
        assertFalse(HubUrl.parse("/-/admin/users").isPresent());
        assertFalse(HubUrl.parse("/alice").isPresent());
        assertFalse(HubUrl.parse("/alice/bert/unknown/thing").isPresent());
    }

    private static List<Class<?>> webClasses() throws IOException, ClassNotFoundException {
        Path classes = Path.of("target/classes");
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                types.add(Class.forName(name, false, SitePathsTest.class.getClassLoader()));
            }
        }
        return types;
    }

    private static String firstSegment(String pattern) {
        return pattern.replaceAll("^/+", "").split("/", 2)[0];
    }
}
