package org.hubguard.web;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.hubguard.web.errors.HttpError;

/**
 * Cross-site request forgery, refused in one place for every page, API and git URL: a request that changes
 * something (anything but GET, HEAD, OPTIONS) and would be authenticated by the browser's session cookie
 * must come from hubguard's own pages. Browsers say where a request comes from (Sec-Fetch-Site, Origin);
 * one from another site is refused with 403. Requests that authenticate with a token (Authorization header)
 * are not forgeable by another site and pass, as do clients that send neither header (not a browser).
 */
public class SameOriginRequests extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    transient BaseUrl baseUrl;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (isForgeable(request) && !fromThisSite(request)) {
            new HttpError(403, null, "This request came from another site; hubguard only takes changes from its own pages.", false)
                    .send(response);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isForgeable(HttpServletRequest request) {
        return !SAFE_METHODS.contains(request.getMethod()) && request.getHeader("Authorization") == null
                && request.getCookies() != null && request.getCookies().length > 0;
    }

    private boolean fromThisSite(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null) {
            return fetchSite.equals("same-origin") || fetchSite.equals("none"); // "none": typed or bookmarked by the user
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true; // not a browser: nothing another site could have made it send
        }
        return origin.equalsIgnoreCase(originOf(baseUrl.of(request))) || origin.equalsIgnoreCase(originOf(requestOrigin(request)));
    }

    private static String requestOrigin(HttpServletRequest request) {
        return request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
    }

    /** scheme://host[:port], with the default port left out as browsers do. */
    static String originOf(String url) {
        URI uri = URI.create(url);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
