package org.hubguard.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;

/**
 * Which parts of a version 4 public key its own signatures prove: a user ID counts when the primary key
 * certified it (and did not revoke that later), a subkey when the primary key bound it and, if it may sign,
 * the subkey signed the binding back. The newest valid self-signature gives flags and expiry. Anything else
 * is listed as ignored, with the reason.
 */
final class KeyProof {

    private static final Pattern BRACKETED_EMAIL = Pattern.compile("<([^<>\\s]+@[^<>\\s]+)>\\s*$");
    private static final Pattern BARE_EMAIL = Pattern.compile("^\\s*([^<>\\s]+@[^<>\\s]+)\\s*$");
    private static final Comparator<PGPSignature> BY_CREATION = Comparator.comparing(PGPSignature::getCreationTime);

    private KeyProof() {
    }

    static ParsedKey prove(PGPPublicKeyRing ring) {
        PGPPublicKey primary = ring.getPublicKey();
        List<String> emails = new ArrayList<>();
        List<ParsedKey.Ignored> ignored = new ArrayList<>();
        PGPSignature newestSelfSignature = null;
        for (Iterator<byte[]> ids = primary.getRawUserIDs(); ids.hasNext(); ) {
            byte[] rawId = ids.next();
            String id = new String(rawId, StandardCharsets.UTF_8);
            String email = emailOf(id);
            Optional<PGPSignature> certification = newestCertification(primary, rawId);
            if (certification.isEmpty()) {
                ignored.add(new ParsedKey.Ignored(ParsedKey.Ignored.Kind.USER_ID, id, email, "no valid self-signature by the primary key"));
            } else if (revokedAfter(primary, rawId, certification.get())) {
                ignored.add(new ParsedKey.Ignored(ParsedKey.Ignored.Kind.USER_ID, id, email, "revoked"));
            } else {
                if (email != null && !emails.contains(email)) {
                    emails.add(email);
                }
                if (newestSelfSignature == null || BY_CREATION.compare(certification.get(), newestSelfSignature) > 0) {
                    newestSelfSignature = certification.get();
                }
            }
        }
        List<ParsedKey.Subkey> subkeys = new ArrayList<>();
        for (Iterator<PGPPublicKey> keys = ring.getPublicKeys(); keys.hasNext(); ) {
            PGPPublicKey key = keys.next();
            if (!key.isMasterKey()) {
                proveSubkey(primary, key, ignored).ifPresent(subkeys::add);
            }
        }
        boolean revoked = SelfSignatures.newestValid(primary.getSignaturesOfType(PGPSignature.KEY_REVOCATION), type -> true, primary,
                sig -> SelfSignatures.revokesKey(sig, primary)).isPresent();
        // Without any certified user ID there are no flags to read: the algorithm decides (and the upload is refused anyway).
        boolean canSign = newestSelfSignature == null ? algorithmCanSign(primary) : canSign(newestSelfSignature, primary);
        try {
            return new ParsedKey(GpgKeys.fingerprint(primary), GpgKeys.keyId(primary.getKeyID()), primary.getCreationTime().toInstant(),
                    expiry(primary, newestSelfSignature), revoked, canSign, emails, subkeys, ignored, ring.getEncoded());
        } catch (IOException e) {
            throw new GpgKeyException("The key could not be read: " + e.getMessage());
        }
    }

    private static Optional<PGPSignature> newestCertification(PGPPublicKey primary, byte[] rawId) {
        return SelfSignatures.newestValid(primary.getSignaturesForID(rawId), SelfSignatures::isUserIdCertification, primary,
                sig -> SelfSignatures.certifiesUserId(sig, rawId, primary));
    }

    /** A user ID stays revoked until the primary key certifies it again after the revocation. */
    private static boolean revokedAfter(PGPPublicKey primary, byte[] rawId, PGPSignature certification) {
        return SelfSignatures.newestValid(primary.getSignaturesForID(rawId), type -> type == PGPSignature.CERTIFICATION_REVOCATION, primary,
                        sig -> SelfSignatures.revokesUserId(sig, rawId, primary))
                .filter(revocation -> !revocation.getCreationTime().before(certification.getCreationTime())).isPresent();
    }

    /** The subkey if the primary key bound it (and it signed back, if it may sign); otherwise it is added to {@code ignored}. */
    private static Optional<ParsedKey.Subkey> proveSubkey(PGPPublicKey primary, PGPPublicKey subkey, List<ParsedKey.Ignored> ignored) {
        String fingerprint = GpgKeys.fingerprint(subkey);
        if (subkey.getVersion() != primary.getVersion()) {
            return ignore(ignored, fingerprint, "a version " + subkey.getVersion() + " subkey on a version " + primary.getVersion() + " key");
        }
        Optional<PGPSignature> binding = newestBinding(primary, subkey);
        if (binding.isEmpty()) {
            return ignore(ignored, fingerprint, "no valid binding signature by the primary key");
        }
        boolean canSign = hasFlag(binding.get(), KeyFlags.SIGN_DATA);
        Optional<String> unreasonable = canSign ? KeyLimits.problemWith(subkey) : Optional.empty();
        if (unreasonable.isPresent()) {
            return ignore(ignored, fingerprint, "it may sign, but " + unreasonable.get());
        }
        if (canSign && !SelfSignatures.hasBackSignature(binding.get(), primary, subkey)) {
            return ignore(ignored, fingerprint, "it may sign but has no valid back-signature (primary key binding) made by the subkey itself");
        }
        boolean revoked = SelfSignatures.newestValid(subkey.getSignaturesOfType(PGPSignature.SUBKEY_REVOCATION), type -> true, primary,
                sig -> SelfSignatures.revokesSubkey(sig, primary, subkey)).isPresent();
        return Optional.of(new ParsedKey.Subkey(fingerprint, GpgKeys.keyId(subkey.getKeyID()),
                subkey.getCreationTime().toInstant(), expiry(subkey, binding.get()), revoked, canSign));
    }

    private static Optional<ParsedKey.Subkey> ignore(List<ParsedKey.Ignored> ignored, String fingerprint, String why) {
        ignored.add(new ParsedKey.Ignored(ParsedKey.Ignored.Kind.SUBKEY, fingerprint, null, why));
        return Optional.empty();
    }

    private static Optional<PGPSignature> newestBinding(PGPPublicKey primary, PGPPublicKey subkey) {
        return SelfSignatures.newestValid(subkey.getSignaturesOfType(PGPSignature.SUBKEY_BINDING), type -> true, primary,
                sig -> SelfSignatures.bindsSubkey(sig, primary, subkey));
    }

    private static boolean canSign(PGPSignature selfSignature, PGPPublicKey key) {
        PGPSignatureSubpacketVector hashed = selfSignature.getHashedSubPackets();
        return hashed == null || hashed.getKeyFlags() == 0 ? algorithmCanSign(key) : (hashed.getKeyFlags() & KeyFlags.SIGN_DATA) != 0;
    }

    private static boolean hasFlag(PGPSignature selfSignature, int flag) {
        PGPSignatureSubpacketVector hashed = selfSignature.getHashedSubPackets();
        return hashed != null && (hashed.getKeyFlags() & flag) != 0;
    }

    private static boolean algorithmCanSign(PGPPublicKey key) {
        return switch (key.getAlgorithm()) {
            case PublicKeyAlgorithmTags.RSA_GENERAL, PublicKeyAlgorithmTags.RSA_SIGN, PublicKeyAlgorithmTags.DSA,
                 PublicKeyAlgorithmTags.ECDSA, PublicKeyAlgorithmTags.EDDSA_LEGACY, PublicKeyAlgorithmTags.Ed25519,
                 PublicKeyAlgorithmTags.Ed448 -> true;
            default -> false;
        };
    }

    /** The key expiration time of the self-signature that speaks for the key: seconds after the key's creation. */
    private static Instant expiry(PGPPublicKey key, PGPSignature selfSignature) {
        PGPSignatureSubpacketVector hashed = selfSignature == null ? null : selfSignature.getHashedSubPackets();
        long seconds = hashed == null ? 0 : hashed.getKeyExpirationTime();
        return seconds <= 0 ? null : key.getCreationTime().toInstant().plusSeconds(seconds);
    }

    static String emailOf(String userId) {
        Matcher bracketed = BRACKETED_EMAIL.matcher(userId);
        if (bracketed.find()) {
            return bracketed.group(1).toLowerCase(Locale.ROOT);
        }
        Matcher bare = BARE_EMAIL.matcher(userId);
        return bare.find() ? bare.group(1).toLowerCase(Locale.ROOT) : null;
    }
}
