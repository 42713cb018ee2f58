package org.hubguard.web.accounts;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.hubguard.accounts.AccountService;
import org.hubguard.web.Pages;

/** Backs {@code /login}: signs in with a username or email and a password. */
@Named
@RequestScoped
public class SignInPage {

    @Inject
    SecurityContext securityContext;

    @Inject
    AccountService accounts;

    @Inject
    HttpServletRequest request;

    @Inject
    FacesContext faces;

    private String login;
    private String password;
    /** The page that sent the visitor here, to return to after signing in. */
    private String next;

    public void signIn() {
        if (login == null || login.isBlank() || password == null || password.isEmpty()) {
            Pages.error(null, "Enter your username (or email) and your password.");
            return;
        }
        endEarlierSession(); // signing in as someone else replaces the earlier caller entirely
        AuthenticationStatus status = securityContext.authenticate(request,
                (HttpServletResponse) faces.getExternalContext().getResponse(),
                AuthenticationParameters.withParams()
                        .newAuthentication(true)
                        .credential(new UsernamePasswordCredential(login.trim(), new Password(password))));
        switch (status) {
            case SEND_CONTINUE -> faces.responseComplete();
            case SUCCESS -> Pages.redirect(isLocalPath(next) ? next : "/");
            default -> Pages.error(null, failureMessage(accounts.waitUntil(login.trim(), request.getRemoteAddr())));
        }
    }

    private void endEarlierSession() {
        try {
            if (request.getUserPrincipal() != null) {
                request.logout();
            }
        } catch (ServletException e) {
            throw new IllegalStateException(e);
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate(); // a new session id after sign-in: no session fixation
        }
    }

    /** Only a path on this server: "/x", never "//evil.example" or "https://...". */
    static boolean isLocalPath(String path) {
        return path != null && path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\")
                && path.chars().noneMatch(Character::isISOControl);
    }

    static String failureMessage(Optional<Instant> lockedUntil) {
        return lockedUntil.map(until -> {
            long minutes = Math.max(1, (Duration.between(Instant.now(), until).toSeconds() + 59) / 60);
            return "Too many failed sign-ins for this account from your address. Try again in " + minutes
                    + (minutes == 1 ? " minute." : " minutes.");
        }).orElse("Incorrect username or password.");
    }

    public String getNext() {
        return next;
    }

    public void setNext(String next) {
        this.next = next;
    }

    public String getLogin() {
        return login;
    }

    public void setLogin(String login) {
        this.login = login;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
