package org.hubguard.signing;

/**
 * The verdict on one commit: status, a machine-readable reason when UNVERIFIED ({@code unknown_key},
 * {@code bad_signature}, {@code malformed_signature}, {@code expired_key}, {@code revoked_key},
 * {@code unverified_email}, {@code email_mismatch}, {@code not_signing_key}), and who signed with which key.
 */
public record SignatureCheck(SignatureStatus status, String reason, String keyFingerprint, String signer) {

    static SignatureCheck unsigned() {
        return new SignatureCheck(SignatureStatus.UNSIGNED, null, null, null);
    }

    static SignatureCheck unverified(String reason, String keyFingerprint, String signer) {
        return new SignatureCheck(SignatureStatus.UNVERIFIED, reason, keyFingerprint, signer);
    }

    static SignatureCheck verified(String keyFingerprint, String signer) {
        return new SignatureCheck(SignatureStatus.VERIFIED, null, keyFingerprint, signer);
    }
}
