package org.hubguard.access;

/** Why the policy refused an action, with the words the user sees (git shows them as "remote error"). */
public enum Denial {
    /** Nobody is signed in: the API answers 401 with a challenge. */
    NOT_SIGNED_IN("You must be signed in (or send an access token)."),
    /** Account actions need the web pages, whatever the token. */
    WEB_SESSION_ONLY("Access tokens cannot do this; sign in to hubguard's web pages instead."),
    /** The user may, but the token is a read token. */
    READ_TOKEN("This token has the read role; a write token is needed for this."),
    /** The user may, but the fine-grained token lacks the permission or the scope. */
    FINE_GRAINED_TOKEN("This fine-grained token has no permission for this."),
    /** The organization token only reads. */
    ORG_TOKEN("The organization token can only read the organization's repositories."),
    /** The user themselves may not. */
    NOT_PERMITTED("You are not allowed to do this.");

    private final String message;

    Denial(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }
}
