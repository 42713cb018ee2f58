package org.hubguard.signing;

import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * One (sub)key fingerprint that an uploaded key holds, with its 64-bit key id (the fingerprint's last 16
 * hex digits), so that signatures are found by fingerprint, or by key id when they name no fingerprint.
 */
@Embeddable
public class KeyFingerprint {

    @Column(nullable = false, length = 64)
    private String fingerprint;

    @Column(name = "key_id", nullable = false, length = 16)
    private String keyId;

    protected KeyFingerprint() {
    }

    KeyFingerprint(String fingerprint) {
        this.fingerprint = fingerprint;
        this.keyId = keyIdOf(fingerprint);
    }

    /** A version 4 key's id is the last 64 bits of its fingerprint. */
    public static String keyIdOf(String fingerprint) {
        return fingerprint.substring(Math.max(0, fingerprint.length() - 16));
    }

    public String getFingerprint() {
        return fingerprint;
    }

    public String getKeyId() {
        return keyId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyFingerprint that && fingerprint.equals(that.fingerprint);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fingerprint);
    }
}
