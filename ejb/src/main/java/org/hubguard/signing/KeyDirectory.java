package org.hubguard.signing;

import java.util.List;

/**
 * Finds the uploaded keys that may have made a signature. Both lookups return every match, across all
 * accounts, so that the verifier tries each instead of trusting whichever came first. A key matches when
 * its primary key or any subkey it holds (bound or not) has that fingerprint.
 */
public interface KeyDirectory {

    /** Keys holding a (sub)key with this full fingerprint (upper-case hex), from the signature's issuer fingerprint. */
    List<KnownKey> withFingerprint(String fingerprint);

    /** Keys holding a (sub)key whose fingerprint ends with this 64-bit key id: only for signatures that name no fingerprint. */
    List<KnownKey> withKeyId(String keyId);

    /** A directory over a fixed list of keys (tests, the benchmark). */
    static KeyDirectory of(List<KnownKey> keys) {
        return new KeyDirectory() {
            @Override
            public List<KnownKey> withFingerprint(String fingerprint) {
                return keys.stream().filter(k -> k.key().allFingerprints().contains(fingerprint)).toList();
            }

            @Override
            public List<KnownKey> withKeyId(String keyId) {
                return keys.stream().filter(k -> k.key().allFingerprints().stream().anyMatch(f -> f.endsWith(keyId))).toList();
            }
        };
    }
}
