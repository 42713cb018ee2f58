package org.hubguard.tokens;

import java.util.Arrays;
import java.util.Optional;

/** What a fine-grained token may do, named as on the Hugging Face Hub. */
public enum TokenPermission {
    /** Read, clone and download repositories. */
    REPO_CONTENT_READ("repo.content.read"),
    /** Push, edit and delete files; create, rename and delete repositories. */
    REPO_WRITE("repo.write"),
    /** See an organization's settings and members. */
    ORG_READ("org.read"),
    /** Manage an organization (for its admins). */
    ORG_WRITE("org.write");

    private final String wireName;

    TokenPermission(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<TokenPermission> fromWireName(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName.equals(name)).findFirst();
    }
}
