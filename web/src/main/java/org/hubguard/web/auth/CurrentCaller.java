package org.hubguard.web.auth;

import java.security.Principal;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;

import org.hubguard.access.Caller;
import org.hubguard.accounts.AccountService;

/**
 * The caller of the current request, read from the database once per request, so that a change to an
 * account (admin rights, deletion) counts from the caller's next request on.
 */
@Named
@RequestScoped
public class CurrentCaller {

    @Inject
    SecurityContext securityContext;

    @Inject
    AccountService accounts;

    private Caller caller;

    public Caller get() {
        if (caller == null) {
            Principal principal = securityContext.getCallerPrincipal();
            caller = principal == null ? Caller.ANONYMOUS : accounts.findByUsername(principal.getName())
                    .map(user -> new Caller(user.getUsername(), user.isAdmin()))
                    .orElse(Caller.ANONYMOUS);
        }
        return caller;
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
