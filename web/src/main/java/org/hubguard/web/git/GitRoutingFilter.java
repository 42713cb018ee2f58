package org.hubguard.web.git;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.hubguard.access.Action;
import org.hubguard.access.Caller;
import org.hubguard.access.Policy;
import org.hubguard.accounts.NameRules;
import org.hubguard.repos.RepoType;
import org.hubguard.repos.Repository;
import org.hubguard.repos.RepositoryService;
import org.hubguard.web.auth.CurrentCaller;

/**
 * Routes the Hub's repository URLs: git smart HTTP at {@code /{ns}/{name}[.git]/...} (datasets under
 * {@code /datasets/}) to {@link GitHttpServlet}, and file downloads at {@code .../resolve|raw/{rev}/{path}}
 * to {@link FileDownloads}. Everything else (pages, API) passes through. Before anything is served the
 * policy decides: a repository the caller may not read answers 401 with a challenge to anonymous callers
 * (so git asks for credentials) and 404 to everyone else, exactly as if it did not exist.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class GitRoutingFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private static final Pattern GIT = Pattern.compile("^/(datasets/)?([^/]+)/([^/]+?)(?:\\.git)?/(info/refs|git-upload-pack|git-receive-pack)$");
    /** A repository's page, and a commit's (the commit API's commitUrl): redirected to the repository pages. */
    private static final Pattern PAGE = Pattern.compile("^/(datasets/)?([^/]+)/([^/]+?)(?:\\.git)?(/commit/[0-9a-f]{40})?/?$");
    private static final Pattern FILE = Pattern.compile("^/(datasets/)?([^/]+)/([^/]+)/(resolve|raw)/([^/]+)/(.+)$");

    @Inject
    transient RepositoryService repositories;

    @Inject
    transient Policy policy;

    @Inject
    transient CurrentCaller caller;

    @Inject
    transient FileDownloads downloads;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Matcher git = GIT.matcher(path);
        if (git.matches() && !reserved(git.group(1), git.group(2))) {
            Optional<Repository> repository = readable(request, response, git.group(1), git.group(2), git.group(3));
            if (repository.isEmpty()) {
                return;
            }
            boolean push = git.group(4).equals("git-receive-pack") || "git-receive-pack".equals(request.getParameter("service"));
            if (push && caller.get().isAnonymous()) {
                challenge(response, "Authentication required to push: use an access token with write access as the password.");
                return;
            }
            request.setAttribute(GitHttpServlet.REPOSITORY, repository.get());
            request.getRequestDispatcher(GitHttpServlet.PATH + "/" + repository.get().getId() + "/" + git.group(4)).forward(request, response);
            return;
        }
        Matcher file = FILE.matcher(path);
        if (file.matches() && !reserved(file.group(1), file.group(2))) {
            Optional<Repository> repository = readable(request, response, file.group(1), file.group(2), file.group(3));
            if (repository.isPresent()) {
                String revision;
                String filePath;
                try {
                    revision = decode(file.group(5));
                    filePath = decode(file.group(6));
                } catch (IllegalArgumentException badEscape) {
                    sendJson(response, HttpServletResponse.SC_BAD_REQUEST, "The path is not correctly URL-encoded.");
                    return;
                }
                downloads.serve(repository.get(), revision, filePath, request, response);
            }
            return;
        }
        Matcher page = PAGE.matcher(path);
        if (page.matches() && request.getMethod().equals("GET") && !reserved(page.group(1), page.group(2))) {
            String type = page.group(1) == null ? "model" : "dataset";
            String target = page.group(4) == null ? "/repos/show" : "/repos/commits";
            response.sendRedirect(request.getContextPath() + target + "?type=" + type + "&id="
                    + java.net.URLEncoder.encode(page.group(2) + "/" + page.group(3), java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(request, response);
    }

    /** The repository if the caller may read it; otherwise the 401/404 answer is already sent. */
    private Optional<Repository> readable(HttpServletRequest request, HttpServletResponse response,
                                          String datasets, String namespace, String name) throws IOException {
        RepoType type = datasets == null ? RepoType.MODEL : RepoType.DATASET;
        Caller who = caller.get();
        Optional<Repository> repository = repositories.find(type, namespace, name)
                .filter(r -> policy.allows(who, Action.READ_REPO, r.asResource()));
        if (repository.isEmpty()) {
            if (who.isAnonymous()) {
                challenge(response, "Repository not found, or you need to authenticate: use an access token as the password.");
            } else {
                response.setHeader("X-Error-Code", "RepoNotFound");
                sendJson(response, HttpServletResponse.SC_NOT_FOUND, "Repository not found: " + namespace + "/" + name + ".");
            }
        }
        return repository;
    }

    private static boolean reserved(String datasets, String namespace) {
        return datasets == null && NameRules.isReserved(namespace);
    }

    private static String decode(String segment) {
        return java.net.URLDecoder.decode(segment.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }

    static void challenge(HttpServletResponse response, String message) throws IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"hubguard\"");
        response.setHeader("X-Error-Code", "RepoNotFound");
        sendJson(response, HttpServletResponse.SC_UNAUTHORIZED, message);
    }

    static void sendJson(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(jakarta.json.Json.createObjectBuilder().add("error", message).build().toString());
    }
}
