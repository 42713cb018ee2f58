package org.hubguard.signing;

import java.time.Instant;
import java.util.List;

/**
 * What an uploaded public key says about itself: the primary key and its subkeys (each with its own
 * capabilities, expiry and revocation), and the emails of its user IDs.
 */
public record ParsedKey(String fingerprint, String keyId, Instant created, Instant expires, boolean revoked,
                        boolean canSign, List<String> emails, List<Subkey> subkeys, byte[] encoded) {

    public ParsedKey {
        emails = List.copyOf(emails);
        subkeys = List.copyOf(subkeys);
    }

    public record Subkey(String fingerprint, String keyId, Instant created, Instant expires, boolean revoked, boolean canSign) {
    }
}
