package org.hubguard.signing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * Whether one signature on a key verifies as what its type claims, checked with Bouncy Castle. A
 * signature that cannot be checked (unknown algorithm, damaged data, made by another key) does not verify:
 * an attacker can append any packets to a public key, so nothing unverified is believed.
 */
final class SelfSignatures {

    private SelfSignatures() {
    }

    /** A positive, casual, persona or generic certification (0x10-0x13) of the user ID, made by the primary key. */
    static boolean certifiesUserId(PGPSignature sig, byte[] userId, PGPPublicKey primary) {
        return isUserIdCertification(sig.getSignatureType()) && verifies(sig, primary, () -> sig.verifyCertification(userId, primary));
    }

    /** A certification revocation (0x30) of the user ID, made by the primary key. */
    static boolean revokesUserId(PGPSignature sig, byte[] userId, PGPPublicKey primary) {
        return sig.getSignatureType() == PGPSignature.CERTIFICATION_REVOCATION
                && verifies(sig, primary, () -> sig.verifyCertification(userId, primary));
    }

    /** A key revocation (0x20) of the primary key, made by itself (designated revokers are not honoured). */
    static boolean revokesKey(PGPSignature sig, PGPPublicKey primary) {
        return sig.getSignatureType() == PGPSignature.KEY_REVOCATION && verifies(sig, primary, () -> sig.verifyCertification(primary));
    }

    /** A subkey binding (0x18) of the subkey, made by the primary key. */
    static boolean bindsSubkey(PGPSignature sig, PGPPublicKey primary, PGPPublicKey subkey) {
        return sig.getSignatureType() == PGPSignature.SUBKEY_BINDING && verifies(sig, primary, () -> sig.verifyCertification(primary, subkey));
    }

    /** A subkey revocation (0x28) of the subkey, made by the primary key. */
    static boolean revokesSubkey(PGPSignature sig, PGPPublicKey primary, PGPPublicKey subkey) {
        return sig.getSignatureType() == PGPSignature.SUBKEY_REVOCATION && verifies(sig, primary, () -> sig.verifyCertification(primary, subkey));
    }

    /**
     * Whether the binding carries a primary key binding (0x19) made by the subkey itself: without it, anyone
     * could bind someone else's signing key to their own primary key and claim its signatures.
     */
    static boolean hasBackSignature(PGPSignature binding, PGPPublicKey primary, PGPPublicKey subkey) {
        for (PGPSignature back : embedded(binding)) {
            if (back.getSignatureType() == PGPSignature.PRIMARYKEY_BINDING
                    && verifies(back, subkey, () -> back.verifyCertification(primary, subkey))) {
                return true;
            }
        }
        return false;
    }

    static boolean isUserIdCertification(int type) {
        return type >= PGPSignature.DEFAULT_CERTIFICATION && type <= PGPSignature.POSITIVE_CERTIFICATION;
    }

    /**
     * The newest signature that verifies, trying only signatures of the type that name {@code issuer} (or no issuer),
     * newest first, at most {@link KeyLimits#MAX_ATTEMPTS} of them: others' certifications are not worth a
     * verification, and a real key's newest self-signature is valid.
     */
    static Optional<PGPSignature> newestValid(Iterator<PGPSignature> signatures, IntPredicate ofType, PGPPublicKey issuer,
                                              Predicate<PGPSignature> verifies) {
        List<PGPSignature> claimed = new ArrayList<>();
        signatures.forEachRemaining(sig -> {
            if (ofType.test(sig.getSignatureType()) && mayBeBy(sig, issuer)) {
                claimed.add(sig);
            }
        });
        return claimed.stream().sorted(Comparator.comparing(PGPSignature::getCreationTime).reversed())
                .limit(KeyLimits.MAX_ATTEMPTS).filter(verifies).findFirst();
    }

    private static boolean mayBeBy(PGPSignature sig, PGPPublicKey issuer) {
        try {
            List<KeyIdentifier> named = sig.getKeyIdentifiers();
            return named.isEmpty() || named.stream().anyMatch(id -> id.matches(issuer.getKeyIdentifier()));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Embedded signatures from both areas: the back-signature proves itself, so where it sits does not matter. */
    private static List<PGPSignature> embedded(PGPSignature binding) {
        List<PGPSignature> all = new ArrayList<>();
        for (PGPSignatureSubpacketVector area : new PGPSignatureSubpacketVector[] {binding.getHashedSubPackets(), binding.getUnhashedSubPackets()}) {
            if (area == null) {
                continue;
            }
            try {
                PGPSignatureList list = area.getEmbeddedSignatures();
                list.forEach(all::add);
            } catch (PGPException | RuntimeException e) {
                // a damaged embedded signature proves nothing
            }
        }
        return all;
    }

    private interface Check {
        boolean verify() throws PGPException;
    }

    private static boolean verifies(PGPSignature sig, PGPPublicKey signer, Check check) {
        try {
            sig.init(new BcPGPContentVerifierBuilderProvider(), signer);
            return check.verify();
        } catch (PGPException | RuntimeException e) {
            return false;
        }
    }
}
