package org.hubguard.web.routing;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.hubguard.access.HubguardException;
import org.hubguard.git.GitStorage;
import org.hubguard.repos.RepoIds;
import org.hubguard.repos.RepoType;
import org.hubguard.web.repos.RepoUrls;

/**
 * The repository pages' old query-string URLs ({@code /repos/show?type=model&id=alice/bert&path=x}, {@code /repos/file},
 * {@code /repos/commits}) answer with a permanent redirect to the Hub's URL of the same page, so old links and
 * bookmarks keep working. Only a browser's own GET: the pages' forms still post to their views. Nothing is
 * looked up here: the Hub URL's page decides what the caller may see.
 */
public class LegacyRepositoryPages extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        Optional<String> target = request.getMethod().equals("GET") ? hubUrl(request) : Optional.empty();
        if (target.isPresent()) {
            response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            response.setHeader("Location", request.getContextPath() + target.get());
        } else {
            chain.doFilter(request, response);
        }
    }

    private static Optional<String> hubUrl(HttpServletRequest request) {
        String page = request.getServletPath().replaceAll("^/repos/|\\.xhtml$", "");
        String id = request.getParameter("id");
        Optional<RepoType> type = RepoType.fromWireName(request.getParameter("type") == null ? "model" : request.getParameter("type"));
        if (id == null || type.isEmpty()) {
            return Optional.empty(); // the view answers what is wrong
        }
        String base;
        try {
            String[] parts = RepoIds.split(id, "id");
            base = "/" + type.get().urlPrefix() + RepoUrls.segment(parts[0]) + "/" + RepoUrls.segment(parts[1]);
        } catch (HubguardException malformed) {
            return Optional.empty();
        }
        String path = request.getParameter("path") == null ? "" : request.getParameter("path").replaceAll("^/+|/+$", "");
        return switch (page) {
            case "show" -> Optional.of(path.isEmpty() ? base : RepoUrls.treeOf(base, GitStorage.MAIN, path));
            case "file" -> Optional.of(RepoUrls.blobOf(base, GitStorage.MAIN, path));
            case "commits" -> Optional.of(RepoUrls.commitsOf(base, GitStorage.MAIN));
            default -> Optional.empty();
        };
    }
}
