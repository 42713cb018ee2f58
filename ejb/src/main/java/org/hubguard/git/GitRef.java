package org.hubguard.git;

/** A branch or tag as the Hub's refs API lists it: {@code name}, full {@code ref}, and the commit it points to. */
public record GitRef(String name, String ref, String targetCommit) {
}
