package org.hubguard.signing;

/**
 * The verdict on one commit: status, a machine-readable reason when UNVERIFIED ({@code unknown_key},
 * {@code bad_signature}, {@code malformed_signature}, {@code expired_key}, {@code revoked_key},
 * {@code unverified_email}, {@code email_mismatch}, {@code not_signing_key}, {@code unbound_subkey}: names as its
 * signer a subkey that an uploaded key carries but never bound with valid signatures (not checked further), {@code uncertified_uid}: the
 * committer email is only in a user ID the key does not or no longer certify), and who signed with which key
 * (the primary key's fingerprint; for {@code unbound_subkey} the subkey's, with no signer).
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
