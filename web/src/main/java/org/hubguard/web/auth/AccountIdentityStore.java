package org.hubguard.web.auth;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.servlet.http.HttpServletRequest;

import org.hubguard.accounts.AccountService;
import org.hubguard.accounts.SignInResult;

/** Checks usernames (or emails) and passwords against hubguard's accounts; roles are "user" and "admin". */
@ApplicationScoped
public class AccountIdentityStore implements IdentityStore {

    public static final String USER = "user";
    public static final String ADMIN = "admin";

    @Inject
    AccountService accounts;

    @Inject
    HttpServletRequest request;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        SignInResult result = accounts.signIn(credential.getCaller(), credential.getPasswordAsString(), request.getRemoteAddr());
        if (result instanceof SignInResult.SignedIn signedIn) {
            return new CredentialValidationResult(signedIn.username(),
                    signedIn.admin() ? Set.of(USER, ADMIN) : Set.of(USER));
        }
        return CredentialValidationResult.INVALID_RESULT;
    }
}
