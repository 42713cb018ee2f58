package org.hubguard.web.routing;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The organization page's old query-string URL ({@code /organizations/show?name=acme}) answers with a permanent
 * redirect to its profile at the Hub's URL ({@code /acme}), which is served by the same view. Only a browser's own
 * GET with a name; the view answers anything else.
 */
public class LegacyOrganizationPage extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        String name = request.getParameter("name");
        if (request.getMethod().equals("GET") && name != null && !name.isBlank() && !name.contains("/")) {
            response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            response.setHeader("Location", request.getContextPath() + "/" + URLEncoder.encode(name.strip(), StandardCharsets.UTF_8));
        } else {
            chain.doFilter(request, response);
        }
    }
}
