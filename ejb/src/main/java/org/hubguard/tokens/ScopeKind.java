package org.hubguard.tokens;

/** What a fine-grained permission applies to: everything, or one user, organization or repository. */
public enum ScopeKind {
    GLOBAL, USER, ORG, MODEL, DATASET;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean needsName() {
        return this != GLOBAL;
    }
}
