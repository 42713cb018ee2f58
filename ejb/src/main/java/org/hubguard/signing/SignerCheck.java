package org.hubguard.signing;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/** The verdict on a signature against one uploaded key and the (sub)key of it that the signature names. */
final class SignerCheck {

    private SignerCheck() {
    }

    /**
     * @param fingerprint the fingerprint of the primary key or of a subkey that {@code known} holds, proven or not
     */
    static SignatureCheck judge(PGPSignature signature, byte[] payload, String committerEmail, KnownKey known, String fingerprint) {
        ParsedKey key = known.key();
        boolean isPrimary = fingerprint.equals(key.fingerprint());
        ParsedKey.Subkey subkey = isPrimary ? null
                : key.subkeys().stream().filter(s -> s.fingerprint().equals(fingerprint)).findFirst().orElse(null);
        boolean bound = isPrimary || subkey != null;
        // A subkey the primary key never bound belongs to nobody we know: no signer is named.
        String shownFingerprint = bound ? key.fingerprint() : fingerprint;
        String signer = bound ? known.owner() : null;
        // Decided before any verification: only keys proven to sign passed KeyLimits, so nothing else is worth the cost.
        if (!bound) {
            return SignatureCheck.unverified("unbound_subkey", shownFingerprint, null);
        }
        if (isPrimary ? !key.canSign() : !subkey.canSign()) {
            return SignatureCheck.unverified("not_signing_key", shownFingerprint, signer);
        }
        PGPPublicKey signingKey = GpgKeys.ring(key.encoded()).getPublicKey(HexFormat.of().parseHex(fingerprint));
        if (signingKey == null || !verifies(signature, payload, signingKey)) {
            return SignatureCheck.unverified("bad_signature", shownFingerprint, signer);
        }
        Instant signedAt = signature.getCreationTime().toInstant();
        if (key.revoked() || subkey != null && subkey.revoked()) {
            return SignatureCheck.unverified("revoked_key", shownFingerprint, signer);
        }
        if (expiredAt(key.expires(), signedAt) || subkey != null && expiredAt(subkey.expires(), signedAt)) {
            return SignatureCheck.unverified("expired_key", shownFingerprint, signer);
        }
        String email = committerEmail == null ? "" : committerEmail.toLowerCase(Locale.ROOT);
        if (!key.emails().contains(email)) {
            return SignatureCheck.unverified(key.hasUncertifiedEmail(email) ? "uncertified_uid" : "email_mismatch", shownFingerprint, signer);
        }
        if (!known.ownerVerifiedEmails().contains(email)) {
            return SignatureCheck.unverified("unverified_email", shownFingerprint, signer);
        }
        return SignatureCheck.verified(shownFingerprint, signer);
    }

    private static boolean verifies(PGPSignature signature, byte[] payload, PGPPublicKey key) {
        try {
            signature.init(new BcPGPContentVerifierBuilderProvider(), key);
            signature.update(payload);
            return signature.verify();
        } catch (PGPException | RuntimeException e) {
            return false;
        }
    }

    private static boolean expiredAt(Instant expires, Instant signedAt) {
        return expires != null && !signedAt.isBefore(expires);
    }
}
