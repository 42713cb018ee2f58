package org.hubguard.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A member's role in an organization, weakest first, named as on the Hugging Face Hub. */
public enum OrgRole {
    /** Read the organization's repositories (private ones too), profile and members. */
    READ,
    /** Read, plus create repositories and write to the ones they created. */
    CONTRIBUTOR,
    /** Create, write, rename and delete any repository of the organization. */
    WRITE,
    /** Write, plus manage the profile, the members and the organization token. */
    ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(OrgRole other) {
        return compareTo(other) >= 0;
    }

    public static Optional<OrgRole> fromWireName(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName().equals(name)).findFirst();
    }
}
