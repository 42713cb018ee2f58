package org.hubguard.secrets;

/**
 * A secret found in a text, with the line it is on (1-based). {@link #toString()} never shows the secret:
 * findings end up in messages and logs.
 */
public final class SecretMatch {

    private final SecretKind kind;
    private final int line;
    private final String secret;

    SecretMatch(SecretKind kind, int line, String secret) {
        this.kind = kind;
        this.line = line;
        this.secret = secret;
    }

    public SecretKind kind() {
        return kind;
    }

    public int line() {
        return line;
    }

    /** The secret itself: only for looking it up and revoking it, never for showing or storing. */
    String secret() {
        return secret;
    }

    @Override
    public String toString() {
        return kind.description() + " on line " + line;
    }
}
