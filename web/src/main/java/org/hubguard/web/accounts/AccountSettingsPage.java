package org.hubguard.web.accounts;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

import org.hubguard.access.AccessDeniedException;
import org.hubguard.accounts.AccountException;
import org.hubguard.accounts.AccountService;
import org.hubguard.accounts.User;
import org.hubguard.web.BaseUrl;
import org.hubguard.web.Pages;
import org.hubguard.web.auth.CurrentCaller;

/** Backs {@code /settings/account}: email verification status, a new verification link, password change. */
@Named
@RequestScoped
public class AccountSettingsPage {

    @Inject
    BaseUrl baseUrl;

    @Inject
    AccountService accounts;

    @Inject
    CurrentCaller caller;

    @Inject
    HttpServletRequest request;

    private User user;
    private String currentPassword;
    private String newPassword;

    public User getUser() {
        if (user == null) {
            user = accounts.findByUsername(caller.getUsername()).orElse(null);
        }
        return user;
    }

    public void resendVerification() {
        Pages.attempt(() -> {
            accounts.resendVerification(caller.get(), baseUrl.forEmail());
            Pages.info("We sent a new verification link to " + getUser().getEmail() + ".");
            Pages.redirect("/settings/account");
        });
    }

    public void changePassword() {
        Pages.attempt("password", () -> {
            accounts.changePassword(caller.get(), currentPassword, newPassword);
            Pages.info("Your password was changed.");
            Pages.redirect("/settings/account");
        });
    }

    public String getCurrentPassword() {
        return currentPassword;
    }

    public void setCurrentPassword(String currentPassword) {
        this.currentPassword = currentPassword;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }
}
