package org.hubguard.web.routing;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.hubguard.accounts.AccountService;
import org.hubguard.accounts.NameRules;
import org.hubguard.orgs.OrganizationService;

/**
 * The profile pages at the Hub's URLs: {@code /{name}} is an organization's page or a user's. Only names that exist
 * are served here (anything else goes on, to a 404); a first segment that is one of hubguard's own, or a Faces
 * view's file name, is never a profile. Like {@link RepositoryPageViews}, only the name travels to the view.
 */
@ApplicationScoped
public class ProfileViews {

    private static final Pattern ONE_SEGMENT = Pattern.compile("^/([^/]+)/?$");

    @Inject
    OrganizationService organizations;

    @Inject
    AccountService accounts;

    /** Serves {@code path} (without the context path, still encoded) when it is a profile; false when it is not one. */
    boolean serve(String path, HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        Optional<String> name = nameIn(path);
        if (name.isEmpty()) {
            return false;
        }
        String view;
        if (organizations.find(name.get()).isPresent()) {
            view = "/organizations/show.xhtml";
        } else if (accounts.findByUsername(name.get()).isPresent()) {
            view = "/-/profile.xhtml";
        } else {
            return false;
        }
        request.getRequestDispatcher(view + "?name=" + URLEncoder.encode(name.get(), StandardCharsets.UTF_8)).forward(request, response);
        return true;
    }

    static Optional<String> nameIn(String path) {
        Matcher one = ONE_SEGMENT.matcher(path);
        if (!one.matches()) {
            return Optional.empty();
        }
        String name = URLDecoder.decode(one.group(1).replace("+", "%2B"), StandardCharsets.UTF_8);
        if (NameRules.isSiteSegment(name) || name.endsWith(".xhtml") || name.contains("/")) {
            return Optional.empty();
        }
        return Optional.of(name);
    }
}
