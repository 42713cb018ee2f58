package org.hubguard.signing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;

import org.bouncycastle.bcpg.sig.IssuerFingerprint;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

/**
 * Verifies a git commit's (or annotated tag's) OpenPGP signature with Bouncy Castle against uploaded keys:
 * the signed payload is the raw object without its {@code gpgsig} header. Never forks gpg.
 *
 * <p>The signing (sub)key is found by the full fingerprint in the signature's issuer fingerprint subpacket;
 * only a signature without one is looked up by its 64-bit key id. Every uploaded key that matches is tried,
 * whichever account holds it, and the best verdict wins: a Verified one if any, so that a key uploaded by
 * someone else (an unbound copy of your subkey, a colliding key id) can neither claim nor block your commits.
 */
public final class CommitSignatures {

    private CommitSignatures() {
    }

    /**
     * @param rawCommit      the commit object as git stores it
     * @param committerEmail the committer's email, as the commit states it
     * @param keys           the uploaded keys
     */
    public static SignatureCheck verify(byte[] rawCommit, String committerEmail, KeyDirectory keys) {
        return verify(SignedObject.ofCommit(rawCommit), committerEmail, keys);
    }

    /** The same for an annotated tag, whose signature ends its message instead of sitting in a header. */
    public static SignatureCheck verifyTag(byte[] rawTag, String taggerEmail, KeyDirectory keys) {
        return verify(SignedObject.ofTag(rawTag), taggerEmail, keys);
    }

    private static SignatureCheck verify(SignedObject object, String committerEmail, KeyDirectory keys) {
        if (object.signature() == null) {
            return SignatureCheck.unsigned();
        }
        PGPSignature signature;
        String issuerFingerprint;
        try {
            signature = readSignature(object.signature());
            issuerFingerprint = issuerFingerprint(signature);
        } catch (IOException | RuntimeException e) {
            return SignatureCheck.unverified("malformed_signature", null, null);
        }
        List<KnownKey> candidates;
        Predicate<String> isIssuer;
        if (issuerFingerprint != null) {
            candidates = keys.withFingerprint(issuerFingerprint);
            isIssuer = issuerFingerprint::equals;
        } else {
            String keyId = GpgKeys.keyId(signature.getKeyID());
            candidates = keys.withKeyId(keyId);
            isIssuer = fingerprint -> fingerprint.endsWith(keyId);
        }
        SignatureCheck best = null;
        for (KnownKey known : candidates) {
            for (String fingerprint : known.key().allFingerprints()) {
                if (!isIssuer.test(fingerprint)) {
                    continue;
                }
                SignatureCheck check = SignerCheck.judge(signature, object.payload(), committerEmail, known, fingerprint);
                if (best == null || rank(check) < rank(best)) {
                    best = check;
                }
            }
        }
        return best == null ? SignatureCheck.unverified("unknown_key", null, null) : best;
    }

    /** Lower is better: Verified, then a verdict on a proven key, then a bad signature, then an unbound subkey (never checked). */
    private static int rank(SignatureCheck check) {
        if (check.status() == SignatureStatus.VERIFIED) {
            return 0;
        }
        return switch (check.reason()) {
            case "unbound_subkey" -> 3;
            case "bad_signature" -> 2;
            default -> 1;
        };
    }

    /** The issuer fingerprint subpacket, hashed or not: it only says which key to try, the signature proves the rest. */
    private static String issuerFingerprint(PGPSignature signature) {
        for (PGPSignatureSubpacketVector area : new PGPSignatureSubpacketVector[] {signature.getHashedSubPackets(), signature.getUnhashedSubPackets()}) {
            IssuerFingerprint issuer = area == null ? null : area.getIssuerFingerprint();
            if (issuer != null) {
                return HexFormat.of().withUpperCase().formatHex(issuer.getFingerprint());
            }
        }
        return null;
    }

    private static PGPSignature readSignature(byte[] armored) throws IOException {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(armored))) {
            Object object = new BcPGPObjectFactory(in).nextObject();
            if (object instanceof PGPSignatureList list && !list.isEmpty()) {
                    PGPSignature signature = list.get(0);
                // git signs the object as a binary document; a key certification or the like is no commit signature
                if (signature.getSignatureType() == PGPSignature.BINARY_DOCUMENT || signature.getSignatureType() == PGPSignature.CANONICAL_TEXT_DOCUMENT) {
                    return signature;
                }
                throw new IOException("not a document signature");
            }
            throw new IOException("no OpenPGP signature");
        }
    }
}
