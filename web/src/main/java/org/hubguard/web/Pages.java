package org.hubguard.web;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;

import org.hubguard.access.HubguardException;
import org.hubguard.accounts.AccountException;

/** Small helpers for page beans: running actions, messages that survive a redirect, redirects to clean URLs. */
public final class Pages {

    private Pages() {
    }

    /**
     * Runs a page action. A refusal ({@link HubguardException}) becomes a message on the page, and the action
     * counts as not done: the one way page actions report errors. Anything else is a server error (500 page).
     */
    public static boolean attempt(Runnable action) {
        return attempt(null, action);
    }

    /**
     * {@link #attempt(Runnable)}, where problems that belong to one field of form {@code formId} are shown
     * next to that field ({@code formId:field}).
     */
    public static boolean attempt(String formId, Runnable action) {
        try {
            action.run();
            return true;
        } catch (HubguardException refused) {
            String field = refused instanceof AccountException account && account.getField() != null && formId != null
                    ? formId + ":" + account.getField() : null;
            error(field, refused.getMessage());
            return false;
        }
    }

    /** An error shown next to the field {@code clientId} (or at the top of the page when it is null). */
    public static void error(String clientId, String message) {
        FacesContext.getCurrentInstance().addMessage(clientId,
                new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
    }

    public static void info(String message) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, message, null));
    }

    /** Ends the request with an HTTP error page (404 for what the caller may not see, 403 for what they may not do). */
    public static void sendError(int status, String message) {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            faces.getExternalContext().responseSendError(status, message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        faces.responseComplete();
    }

    /** Redirects to {@code path} (like "/login"), keeping this request's messages for the next page. */
    public static void redirect(String path) {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        external.getFlash().setKeepMessages(true);
        try {
            external.redirect(external.getRequestContextPath() + path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        faces.responseComplete();
    }
}
