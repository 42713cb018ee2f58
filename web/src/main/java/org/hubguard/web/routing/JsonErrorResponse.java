package org.hubguard.web.routing;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.hubguard.web.errors.HttpError;

/**
 * Turns the plain {@code sendError} answers of JGit's pipeline (401 for an anonymous caller, 404 for a
 * browser) into hubguard's JSON errors, with the challenge that makes git ask for credentials.
 */
class JsonErrorResponse extends HttpServletResponseWrapper {

    JsonErrorResponse(HttpServletResponse response) {
        super(response);
    }

    @Override
    public void sendError(int status) throws IOException {
        sendError(status, null);
    }

    @Override
    public void sendError(int status, String message) throws IOException {
        String text = message != null && !message.isBlank() ? message
                : status == 404 ? "Repository not found." : "The git request failed (HTTP " + status + ").";
        new HttpError(status, status == 404 ? "RepoNotFound" : null, text, status == 401).send((HttpServletResponse) getResponse());
    }
}
