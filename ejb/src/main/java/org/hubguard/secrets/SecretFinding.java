package org.hubguard.secrets;

/** A secret in a file of a push or commit: where it is, and what kind. Never the secret itself in text. */
public record SecretFinding(String path, SecretMatch match) {

    public SecretKind kind() {
        return match.kind();
    }

    /** "config.py:12 (AWS access key id)". */
    public String location() {
        return path + ":" + match.line() + " (" + match.kind().description() + ")";
    }

    @Override
    public String toString() {
        return location();
    }
}
