package org.hubguard.web.routing;

import java.io.IOException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.hubguard.access.Caller;
import org.hubguard.access.HubguardException;
import org.hubguard.access.InvalidInputException;
import org.hubguard.access.NotFoundException;
import org.hubguard.repos.RepositoryMovedException;
import org.hubguard.repos.RepoContext;
import org.hubguard.repos.RepositoryService;
import org.hubguard.web.auth.CurrentCaller;
import org.hubguard.web.errors.HttpError;
import org.hubguard.web.git.FileDownloads;
import org.hubguard.web.git.GitEndpoint;
import org.hubguard.web.git.HubReceivePackFactory;
import org.hubguard.web.git.HubRepositoryResolver;
import org.hubguard.web.lfs.LfsEndpoint;

/**
 * The entry point of the Hub's repository URLs ({@link HubUrl}): git goes to JGit's pipeline
 * ({@link GitEndpoint}, which resolves the repository itself), file downloads and repository pages resolve
 * the repository with the caller's permissions here, once. Everything else (hubguard's pages, the API)
 * passes through. Refusals are answered as JSON through {@link HttpError}.
 */
public class HubUrlFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(HubUrlFilter.class.getName());

    @Inject
    transient RepositoryService repositories;

    @Inject
    transient CurrentCaller caller;

    @Inject
    transient FileDownloads downloads;

    @Inject
    transient HubRepositoryResolver resolver;

    @Inject
    transient HubReceivePackFactory receivePacks;

    @Inject
    transient LfsEndpoint lfs;

    @Inject
    transient ProfileViews profiles;

    private transient GitEndpoint git;

    @Override
    public void init(FilterConfig config) throws ServletException {
        super.init(config);
        git = new GitEndpoint(resolver, receivePacks);
        git.init(config);
    }

    @Override
    public void destroy() {
        git.destroy();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        Caller who = caller.get();
        try {
            Optional<HubUrl> url = parse(request);
            if (url.isEmpty()) {
                if (!isRead(request) || !profiles.serve(pathOf(request), request, response)) {
                    chain.doFilter(request, response);
                }
            } else if (url.get() instanceof HubUrl.Git gitRequest) {
                git.doFilter(new GitPathRequest(request, gitRequest.pathInfo()), new JsonErrorResponse(response), chain);
            } else if (url.get() instanceof HubUrl.Lfs lfsRequest) {
                lfs.serve(lfsRequest.repo(), lfsRequest.action(), request, response);
            } else if (url.get() instanceof HubUrl.File file) {
                RepoContext repo = repositories.context(who, file.repo());
                downloads.serve(repo, file.revision(), file.path(), file.raw(), request, response);
            } else if (url.get() instanceof HubUrl.Page page && isRead(request)) {
                if (pageVisible(who, page)) {
                    RepositoryPageViews.forward(page, request, response);
                } else {
                    response.sendError(HttpServletResponse.SC_NOT_FOUND); // the HTML "not found" page, as for any page
                }
            } else {
                chain.doFilter(request, response);
            }
        } catch (RepositoryMovedException moved) {
            // the old name of a renamed or moved repository: the same URL under the new name, as the Hub redirects
            String path = request.getRequestURI().substring(request.getContextPath().length());
            java.util.Optional<String> location = MovedRepositories.location(request.getContextPath(), path, request.getQueryString(), moved);
            if (location.isPresent() && !response.isCommitted()) {
                response.resetBuffer();
                response.setStatus(HttpServletResponse.SC_TEMPORARY_REDIRECT);
                response.setHeader("Location", location.get());
            } else {
                send(HttpError.of(new NotFoundException("RepoNotFound", moved.getMessage()), who), request, response);
            }
        } catch (HubguardException refused) {
            HttpError error = HttpError.of(refused, who);
            // The Hub answers 401 to anonymous callers for what they cannot see, so clients offer to sign in.
            boolean anonymousMiss = who.isAnonymous() && "RepoNotFound".equals(refused.errorCode());
            send(anonymousMiss ? error.withStatus(401) : error, request, response);
        } catch (RuntimeException unexpected) {
            LOG.log(Level.SEVERE, "Unexpected error serving " + request.getRequestURI(), unexpected);
            if (!response.isCommitted()) {
                send(HttpError.unexpected(), request, response);
            }
        }
    }

    /**
     * Whether the caller may see the page's repository; a renamed or moved repository's old name throws
     * {@link RepositoryMovedException}, so its pages redirect like its other URLs.
     */
    private boolean pageVisible(Caller who, HubUrl.Page page) {
        try {
            repositories.context(who, page.repo());
            return true;
        } catch (RepositoryMovedException moved) {
            throw moved;
        } catch (HubguardException hidden) {
            return false;
        }
    }

    /** Git LFS clients read their errors in the LFS format; everyone else gets the Hub's. */
    private static void send(HttpError error, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getRequestURI().contains("/info/lfs/")) {
            error.sendLfs(response);
        } else {
            error.send(response);
        }
    }

    private static boolean isRead(HttpServletRequest request) {
        return request.getMethod().equals("GET") || request.getMethod().equals("HEAD");
    }

    private static String pathOf(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private static Optional<HubUrl> parse(HttpServletRequest request) {
        try {
            return HubUrl.parse(pathOf(request));
        } catch (IllegalArgumentException badEscape) {
            throw new InvalidInputException("The path is not correctly URL-encoded.");
        }
    }
}
