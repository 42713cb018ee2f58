package org.hubguard.signing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What an uploaded public key proves about itself: the primary key, the subkeys bound to it (each with its
 * own capabilities, expiry and revocation) and the emails of its certified user IDs. Parts whose
 * signatures do not verify are listed in {@code ignored} and never used.
 */
public record ParsedKey(String fingerprint, String keyId, Instant created, Instant expires, boolean revoked,
                        boolean canSign, List<String> emails, List<Subkey> subkeys, List<Ignored> ignored, byte[] encoded) {

    public ParsedKey {
        emails = List.copyOf(emails);
        subkeys = List.copyOf(subkeys);
        ignored = List.copyOf(ignored);
    }

    public record Subkey(String fingerprint, String keyId, Instant created, Instant expires, boolean revoked, boolean canSign) {
    }

    /**
     * A subkey or user ID that the key's own signatures do not prove, and why. For a user ID, {@code id}
     * is its text and {@code email} its address (or null); for a subkey, {@code id} is its fingerprint.
     */
    public record Ignored(Kind kind, String id, String email, String why) {

        public enum Kind { SUBKEY, USER_ID }

        /** For people: "subkey 3A5F… ignored: …" or "user ID 'Ann <ann@x>' ignored: …". */
        public String describe() {
            return (kind == Kind.SUBKEY ? "subkey " + id : "user ID '" + id + "'") + " ignored: " + why;
        }
    }

    /** Every (sub)key fingerprint the upload holds, proven or not: what a signature's issuer is looked up by. */
    public List<String> allFingerprints() {
        List<String> all = new ArrayList<>();
        Stream.concat(Stream.concat(Stream.of(fingerprint), subkeys.stream().map(Subkey::fingerprint)),
                        ignored.stream().filter(i -> i.kind() == Ignored.Kind.SUBKEY).map(Ignored::id))
                .filter(f -> !all.contains(f)).forEach(all::add);
        return all;
    }

    /** Whether the committer email is only in a user ID the key does not (or no longer) certify. */
    public boolean hasUncertifiedEmail(String email) {
        return ignored.stream().anyMatch(i -> i.kind() == Ignored.Kind.USER_ID && email.equals(i.email()));
    }
}
