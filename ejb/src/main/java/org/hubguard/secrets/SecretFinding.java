package org.hubguard.secrets;

/**
 * A secret in a push or commit: where it is, and what kind. Never the secret itself in text: a path or name
 * that carries one is kept with it redacted ({@link Redaction}).
 *
 * @param path  the file (for {@link Place#CONTENT} and {@link Place#PATH}), what the message belongs to
 *              ("commit 1a2b3c4d", "tag v1.0", "the commit"), or the ref ("refs/heads/x")
 */
public record SecretFinding(String path, SecretMatch match, Place place) {

    /** Where in a change a secret can be. */
    public enum Place {
        /** In a file's content, on a line. */
        CONTENT,
        /** In a file's (or folder's) path. */
        PATH,
        /** In a commit or tag message. */
        MESSAGE,
        /** In a branch or tag name. */
        NAME
    }

    public SecretFinding {
        path = Redaction.redact(path);
    }

    public SecretFinding(String path, SecretMatch match) {
        this(path, match, Place.CONTENT);
    }

    public SecretKind kind() {
        return match.kind();
    }

    /** "config.py line 12", "the path creds/[secret].txt", "the message of commit 1a2b3c4d". */
    public String where() {
        return switch (place) {
            case CONTENT -> path + " line " + match.line();
            case PATH -> "the path " + path;
            case MESSAGE -> "the message of " + path;
            case NAME -> "the name " + path;
        };
    }

    /** "config.py:12 (AWS access key id)", "the path creds/[secret].txt (hubguard access token)". */
    public String location() {
        return (place == Place.CONTENT ? path + ":" + match.line() : where()) + " (" + match.kind().description() + ")";
    }

    @Override
    public String toString() {
        return location();
    }
}
