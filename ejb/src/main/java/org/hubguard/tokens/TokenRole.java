package org.hubguard.tokens;

import java.util.Arrays;
import java.util.Optional;

/** A token's role, with the names the Hugging Face Hub uses on the wire. */
public enum TokenRole {
    /** Read everything the user may read. */
    READ("read"),
    /** Do everything the user may do (except manage tokens). */
    WRITE("write"),
    /** Only the listed permissions, each globally or on one entity. */
    FINE_GRAINED("fineGrained");

    private final String wireName;

    TokenRole(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<TokenRole> fromWireName(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst();
    }
}
