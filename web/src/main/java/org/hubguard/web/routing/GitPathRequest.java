package org.hubguard.web.routing;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/** A git request as JGit's pipeline expects it: the whole repository URL as the path info. */
class GitPathRequest extends HttpServletRequestWrapper {

    private final String pathInfo;

    GitPathRequest(HttpServletRequest request, String pathInfo) {
        super(request);
        this.pathInfo = pathInfo;
    }

    @Override
    public String getServletPath() {
        return "";
    }

    @Override
    public String getPathInfo() {
        return pathInfo;
    }

    @Override
    public String getPathTranslated() {
        return null;
    }
}
