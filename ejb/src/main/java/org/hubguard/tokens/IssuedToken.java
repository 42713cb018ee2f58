package org.hubguard.tokens;

/** A token together with its secret: exists only in the response that creates or refreshes it. */
public record IssuedToken(AccessToken token, String secret) {

    @Override
    public String toString() {
        return "IssuedToken[" + token.getName() + ", …" + token.getLastFour() + "]"; // never the secret
    }
}
