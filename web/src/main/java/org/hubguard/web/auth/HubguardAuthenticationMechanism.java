package org.hubguard.web.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.hubguard.access.Caller;
import org.hubguard.accounts.AccountService;
import org.hubguard.tokens.TokenCheck;
import org.hubguard.tokens.TokenService;
import org.hubguard.web.SecurityHeaders;
import org.hubguard.web.errors.HttpError;

/**
 * The one way callers authenticate, for pages, API and git alike:
 * <ul>
 * <li>{@code Authorization: Bearer hf_...}, or HTTP Basic with the token as password (any username), is
 * checked on every request and never creates a session, so deleting or refreshing a token counts from the
 * very next request;</li>
 * <li>the sign-in page hands a username and password over through {@code SecurityContext.authenticate};
 * the web session then remembers the username, and the account is read again on every request;</li>
 * <li>an anonymous visitor of a protected page is sent to {@code /login?next=<page>}.</li>
 * </ul>
 * The caller, with the credential used, is left in a request attribute for {@link CurrentCaller}.
 */
@ApplicationScoped
public class HubguardAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String SESSION_USER = "hubguard.user";

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    AccountService accounts;

    @Inject
    TokenService tokens;

    @Inject
    InvalidTokenThrottle throttle;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && !isTokenReport(request)) {
            return authenticateToken(authorization, request, response, context);
        }
        Credential credential = context.getAuthParameters().getCredential();
        if (credential != null) {
            return signIn(credential, request, context);
        }
        Optional<Caller> sessionCaller = sessionCaller(request);
        if (sessionCaller.isPresent()) {
            return accept(sessionCaller.get(), request, context);
        }
        if (context.isProtected()) {
            String page = request.getRequestURI().substring(request.getContextPath().length())
                    + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
            return context.redirect(request.getContextPath() + "/login?next=" + URLEncoder.encode(page, StandardCharsets.UTF_8));
        }
        return context.doNothing();
    }

    /**
     * {@code POST /api/credentials/revoke} takes reports from anybody and answers 202 whatever they hold: its
     * Authorization header (a scanner's own, or junk) is not looked at, so it cannot turn the answer into a 401.
     */
    static boolean isTokenReport(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/api/credentials/revoke") || path.equals("/api/credentials/revoke/");
    }

    private AuthenticationStatus signIn(Credential credential, HttpServletRequest request, HttpMessageContext context) {
        CredentialValidationResult result = identityStores.validate(credential);
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return AuthenticationStatus.SEND_FAILURE; // the sign-in page says why; no error page instead of it
        }
        String username = result.getCallerPrincipal().getName();
        request.getSession(true).setAttribute(SESSION_USER, username);
        return accept(Caller.webSession(username, result.getCallerGroups().contains(AccountIdentityStore.ADMIN)), request, context);
    }

    private Optional<Caller> sessionCaller(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object username = session == null ? null : session.getAttribute(SESSION_USER);
        if (!(username instanceof String name)) {
            return Optional.empty();
        }
        Optional<Caller> caller = accounts.findByUsername(name).map(user -> Caller.webSession(user.getUsername(), user.isAdmin()));
        if (caller.isEmpty()) {
            session.invalidate(); // the account is gone
        }
        return caller;
    }

    private AuthenticationStatus authenticateToken(String authorization, HttpServletRequest request,
                                                   HttpServletResponse response, HttpMessageContext context) {
        String address = request.getRemoteAddr();
        Duration wait = throttle.waitFor(address);
        if (!wait.isZero()) {
            long seconds = Math.max(1, wait.toSeconds());
            response.setHeader("Retry-After", String.valueOf(seconds));
            return refuse(response, new HttpError(429, null, "Too many requests with invalid tokens from your address; retry in "
                    + seconds + " seconds.", false));
        }
        Optional<String> secret = tokenFrom(authorization);
        TokenCheck check = secret.isPresent() ? tokens.check(secret.get())
                : new TokenCheck.Refused("Invalid credentials in Authorization header: send 'Bearer <token>' or "
                + "Basic authentication with an access token as the password.");
        if (check instanceof TokenCheck.Valid valid) {
            return accept(valid.caller(), request, context);
        }
        throttle.recordFailure(address);
        return refuse(response, HttpError.unauthorized(((TokenCheck.Refused) check).reason()));
    }

    /** The token from "Bearer t" or "Basic base64(anything:t)". */
    static Optional<String> tokenFrom(String authorization) {
        int space = authorization.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        String scheme = authorization.substring(0, space);
        String value = authorization.substring(space + 1).trim();
        if (scheme.equalsIgnoreCase("Bearer")) {
            return value.isEmpty() ? Optional.empty() : Optional.of(value);
        }
        if (scheme.equalsIgnoreCase("Basic")) {
            try {
                String decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon < 0 ? Optional.empty() : Optional.of(decoded.substring(colon + 1));
            } catch (IllegalArgumentException notBase64) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static AuthenticationStatus accept(Caller caller, HttpServletRequest request, HttpMessageContext context) {
        request.setAttribute(CurrentCaller.ATTRIBUTE, caller);
        Set<String> groups = caller.admin() && caller.usesWebSession()
                ? Set.of(AccountIdentityStore.USER, AccountIdentityStore.ADMIN)
                : Set.of(AccountIdentityStore.USER);
        // An organization token's principal is the organization; it never gets page roles beyond "user".
        String principal = caller.isUser() ? caller.username() : ((org.hubguard.access.Credential.OrgToken) caller.credential()).organization();
        return context.notifyContainerAboutLogin(principal, groups);
    }

    private static AuthenticationStatus refuse(HttpServletResponse response, HttpError error) {
        try {
            SecurityHeaders.apply(response); // answered here, before the filters that add them run
            error.send(response);
            // Closing completes the exchange, so Undertow does not try to send an error page of its own after it.
            response.getWriter().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The answer is complete: SEND_CONTINUE tells the container to send it as it is (SEND_FAILURE would
        // make it try to send an error page of its own on the committed response).
        return AuthenticationStatus.SEND_CONTINUE;
    }
}
