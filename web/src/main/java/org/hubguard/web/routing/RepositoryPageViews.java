package org.hubguard.web.routing;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves a repository page's Hub URL ({@link HubUrl.Page}) with its Faces view: the URL stays what the user
 * typed, and the view gets the parsed parts as its view parameters. Only the URL's parts travel (every one is
 * set, so a query string cannot override them); the page bean resolves the repository with the caller's
 * permissions itself.
 */
final class RepositoryPageViews {

    private RepositoryPageViews() {
    }

    static void forward(HubUrl.Page page, HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        String target = view(page.kind())
                + "?type=" + page.repo().type().wireName()
                + "&id=" + encode(page.repo().fullName())
                + "&rev=" + encode(page.revision() == null ? "" : page.revision())
                + "&path=" + encode(page.path());
        request.getRequestDispatcher(target).forward(request, response);
    }

    private static String view(HubUrl.PageKind kind) {
        return switch (kind) {
            case CARD, TREE -> "/repos/show.xhtml";
            case BLOB -> "/repos/file.xhtml";
            case COMMITS -> "/repos/commits.xhtml";
            case COMMIT -> "/repos/commit.xhtml";
        };
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
