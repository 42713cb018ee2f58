package org.hubguard.web.accounts;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

import org.hubguard.accounts.AccountException;
import org.hubguard.accounts.AccountService;
import org.hubguard.accounts.User;
import org.hubguard.web.BaseUrl;
import org.hubguard.web.Pages;

/** Backs {@code /join}: creates an account and sends the email verification link. */
@Named
@RequestScoped
public class SignUpPage {

    @Inject
    BaseUrl baseUrl;

    @Inject
    AccountService accounts;

    @Inject
    HttpServletRequest request;

    private String username;
    private String email;
    private String password;

    public void signUp() {
        Pages.attempt("join", () -> {
            User user = accounts.signUp(username, email, password, baseUrl.forEmail());
            Pages.info("Welcome, " + user.getUsername() + "! We sent a link to " + user.getEmail()
                    + " to verify your email address. You can sign in now.");
            Pages.redirect("/login");
        });
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
