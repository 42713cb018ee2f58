package org.hubguard.web.accounts;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.hubguard.accounts.EmailVerificationService;
import org.hubguard.accounts.EmailVerificationService.Outcome;

/** Backs {@code /verify-email?token=...}, the page the verification link opens. */
@Named
@RequestScoped
public class VerifyEmailPage {

    @Inject
    EmailVerificationService verifications;

    private String token;
    private Outcome outcome;

    public void verify() {
        outcome = verifications.verify(token);
    }

    public boolean isVerified() {
        return outcome == Outcome.VERIFIED;
    }

    public String getMessage() {
        return outcome == null ? "" : outcome.message();
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }
}
