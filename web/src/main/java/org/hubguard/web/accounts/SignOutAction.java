package org.hubguard.web.accounts;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.hubguard.web.Pages;

/** The sign-out button in the page header. */
@Named
@RequestScoped
public class SignOutAction {

    @Inject
    HttpServletRequest request;

    public void signOut() throws ServletException {
        request.logout();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        Pages.redirect("/");
    }
}
