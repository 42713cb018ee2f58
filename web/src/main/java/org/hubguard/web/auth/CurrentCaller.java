package org.hubguard.web.auth;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

import org.hubguard.access.Caller;

/**
 * The caller of the current request, with the credential they used, as the authentication mechanism
 * found it (it reads the account again on every request, so changes count from the next request on).
 */
@Named
@RequestScoped
public class CurrentCaller {

    static final String ATTRIBUTE = Caller.class.getName();

    @Inject
    HttpServletRequest request;

    public Caller get() {
        return request.getAttribute(ATTRIBUTE) instanceof Caller caller ? caller : Caller.ANONYMOUS;
    }

    public boolean isSignedIn() {
        return !get().isAnonymous();
    }

    public boolean isAdmin() {
        return get().admin();
    }

    public String getUsername() {
        return get().username();
    }
}
