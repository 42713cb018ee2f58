package org.hubguard.web.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AutoApplySession;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The one way callers authenticate. Web pages: the sign-in page hands the credential over through
 * {@code SecurityContext.authenticate}, the session keeps the caller ({@link AutoApplySession}), and a
 * protected page sends an anonymous visitor to the sign-in page and back ({@link LoginToContinue}).
 * Access tokens for the API and git will be read here too.
 */
@ApplicationScoped
@AutoApplySession
@LoginToContinue(loginPage = "/login", useForwardToLogin = false, errorPage = "")
public class HubguardAuthenticationMechanism implements HttpAuthenticationMechanism {

    @Inject
    IdentityStoreHandler identityStores;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        Credential credential = context.getAuthParameters().getCredential();
        if (credential != null) {
            return context.notifyContainerAboutLogin(identityStores.validate(credential));
        }
        return context.doNothing();
    }
}
