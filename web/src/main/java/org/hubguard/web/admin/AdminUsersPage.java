package org.hubguard.web.admin;

import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.hubguard.access.AccessDeniedException;
import org.hubguard.accounts.AccountException;
import org.hubguard.accounts.AccountService;
import org.hubguard.accounts.User;
import org.hubguard.web.Pages;
import org.hubguard.web.auth.CurrentCaller;

/** Backs {@code /admin/users}: the users, and marking an email verified for installations without mail. */
@Named
@RequestScoped
public class AdminUsersPage {

    @Inject
    AccountService accounts;

    @Inject
    CurrentCaller caller;

    @Inject
    org.hubguard.scanning.ScanService scans;

    private List<User> users;

    public List<User> getUsers() {
        if (users == null) {
            users = accounts.listUsers(caller.get());
        }
        return users;
    }

    public void rescanAll() {
        Pages.attempt(() -> {
            int queued = scans.rescanAll(caller.get());
            Pages.info("Queued " + queued + " scans; results appear on the repository pages as they finish.");
            Pages.redirect("/-/admin/users");
        });
    }

    public void markEmailVerified(String username) {
        Pages.attempt(() -> {
            accounts.markEmailVerified(caller.get(), username);
            Pages.info("The email address of " + username + " is now marked verified.");
            Pages.redirect("/-/admin/users");
        });
    }
}
