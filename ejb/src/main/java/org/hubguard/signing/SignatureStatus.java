package org.hubguard.signing;

/** A commit's signing status, as shown on badges and in the commits API. */
public enum SignatureStatus {
    VERIFIED, UNVERIFIED, UNSIGNED
}
