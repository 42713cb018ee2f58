package org.hubguard.signing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongFunction;

import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * Verifies a git commit's (or annotated tag's) OpenPGP signature with Bouncy Castle against uploaded keys:
 * the signed payload is the raw object without its {@code gpgsig} header. Never forks gpg.
 */
public final class CommitSignatures {

    private static final byte[] GPGSIG = "gpgsig ".getBytes(StandardCharsets.US_ASCII);

    private CommitSignatures() {
    }

    /**
     * @param rawCommit      the commit object as git stores it
     * @param committerEmail the committer's email, as the commit states it
     * @param keys           finds an uploaded key (primary or subkey) by its 64-bit key id
     */
    public static SignatureCheck verify(byte[] rawCommit, String committerEmail, LongFunction<Optional<KnownKey>> keys) {
        return verify(split(rawCommit), committerEmail, keys);
    }

    /** The same for an annotated tag, whose signature ends its message instead of sitting in a header. */
    public static SignatureCheck verifyTag(byte[] rawTag, String taggerEmail, LongFunction<Optional<KnownKey>> keys) {
        return verify(splitTag(rawTag), taggerEmail, keys);
    }

    private static SignatureCheck verify(Split split, String committerEmail, LongFunction<Optional<KnownKey>> keys) {
        if (split.signature == null) {
            return SignatureCheck.unsigned();
        }
        PGPSignature signature;
        try {
            signature = readSignature(split.signature);
        } catch (IOException | RuntimeException e) {
            return SignatureCheck.unverified("malformed_signature", null, null);
        }
        Optional<KnownKey> found = keys.apply(signature.getKeyID());
        if (found.isEmpty()) {
            return SignatureCheck.unverified("unknown_key", null, null);
        }
        KnownKey known = found.get();
        PGPPublicKeyRing ring = GpgKeys.ring(known.key().encoded());
        PGPPublicKey signingKey = ring.getPublicKey(signature.getKeyID());
        String fingerprint = known.key().fingerprint();
        try {
            signature.init(new BcPGPContentVerifierBuilderProvider(), signingKey);
            signature.update(split.payload);
            if (!signature.verify()) {
                return SignatureCheck.unverified("bad_signature", fingerprint, known.owner());
            }
        } catch (PGPException | RuntimeException e) {
            return SignatureCheck.unverified("bad_signature", fingerprint, known.owner());
        }
        Instant signedAt = signature.getCreationTime().toInstant();
        boolean isPrimary = signingKey.isMasterKey();
        ParsedKey.Subkey subkey = isPrimary ? null : known.key().subkeys().stream()
                .filter(s -> s.keyId().equals(GpgKeys.keyId(signature.getKeyID()))).findFirst().orElse(null);
        if (isPrimary ? !known.key().canSign() : subkey == null || !subkey.canSign()) {
            return SignatureCheck.unverified("not_signing_key", fingerprint, known.owner());
        }
        if (known.key().revoked() || subkey != null && subkey.revoked()) {
            return SignatureCheck.unverified("revoked_key", fingerprint, known.owner());
        }
        if (expiredAt(known.key().expires(), signedAt) || subkey != null && expiredAt(subkey.expires(), signedAt)) {
            return SignatureCheck.unverified("expired_key", fingerprint, known.owner());
        }
        String email = committerEmail == null ? "" : committerEmail.toLowerCase(Locale.ROOT);
        if (!known.key().emails().contains(email)) {
            return SignatureCheck.unverified("email_mismatch", fingerprint, known.owner());
        }
        if (!known.ownerVerifiedEmails().contains(email)) {
            return SignatureCheck.unverified("unverified_email", fingerprint, known.owner());
        }
        return SignatureCheck.verified(fingerprint, known.owner());
    }

    private static boolean expiredAt(Instant expires, Instant signedAt) {
        return expires != null && !signedAt.isBefore(expires);
    }

    private static PGPSignature readSignature(byte[] armored) throws IOException {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(armored))) {
            Object object = new BcPGPObjectFactory(in).nextObject();
            if (object instanceof PGPSignatureList list && !list.isEmpty()) {
                return list.get(0);
            }
            throw new IOException("no OpenPGP signature");
        }
    }

    /** The object without its gpgsig header (what was signed), and the signature it carried. */
    record Split(byte[] payload, byte[] signature) {
    }

    static Split split(byte[] raw) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream(raw.length);
        ByteArrayOutputStream signature = null;
        int pos = 0;
        boolean inHeaders = true;
        boolean inSignature = false;
        while (pos < raw.length) {
            int end = pos;
            while (end < raw.length && raw[end] != '\n') {
                end++;
            }
            int next = Math.min(end + 1, raw.length);
            if (inHeaders && end == pos) { // the blank line ends the headers
                inHeaders = false;
                inSignature = false;
            }
            if (inHeaders && inSignature && raw[pos] == ' ') {
                signature.write(raw, pos + 1, next - pos - 1); // a continuation line of the signature
            } else if (inHeaders && startsWith(raw, pos, GPGSIG)) {
                inSignature = true;
                signature = new ByteArrayOutputStream();
                signature.write(raw, pos + GPGSIG.length, next - pos - GPGSIG.length);
            } else {
                inSignature = false;
                payload.write(raw, pos, next - pos);
            }
            pos = next;
        }
        return new Split(payload.toByteArray(), signature == null ? null : signature.toByteArray());
    }

    private static final byte[] TAG_SIGNATURE = "\n-----BEGIN PGP SIGNATURE-----".getBytes(StandardCharsets.US_ASCII);

    /** A tag's payload is everything before the armored signature that ends its message. */
    static Split splitTag(byte[] raw) {
        for (int pos = raw.length - TAG_SIGNATURE.length; pos >= 0; pos--) {
            if (startsWith(raw, pos, TAG_SIGNATURE)) {
                return new Split(java.util.Arrays.copyOfRange(raw, 0, pos + 1), java.util.Arrays.copyOfRange(raw, pos + 1, raw.length));
            }
        }
        return new Split(raw, null);
    }

    private static boolean startsWith(byte[] raw, int pos, byte[] prefix) {
        if (raw.length - pos < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (raw[pos + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

}
