package org.hubguard.signing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

/** Parses ASCII-armored OpenPGP public keys with Bouncy Castle, refusing what must not be stored. */
public final class GpgKeys {

    public static final int MAX_ARMORED_LENGTH = 64 * 1024;

    private static final Pattern EMAIL = Pattern.compile("<([^<>\\s]+@[^<>\\s]+)>\\s*$");

    private GpgKeys() {
    }

    public static ParsedKey parse(String armored) {
        if (armored == null || armored.isBlank()) {
            throw new GpgKeyException("Paste an ASCII-armored public key: it starts with -----BEGIN PGP PUBLIC KEY BLOCK-----.");
        }
        if (armored.length() > MAX_ARMORED_LENGTH) {
            throw new GpgKeyException("This key is larger than 64 KiB; export only the public key you sign with (gpg --armor --export KEYID).");
        }
        if (armored.contains("PRIVATE KEY BLOCK")) {
            throw new GpgKeyException("This is a PRIVATE key. Never paste it anywhere: hubguard did not store it. "
                    + "Paste the public key instead (gpg --armor --export KEYID); if you shared this private key elsewhere, revoke it.");
        }
        if (!armored.contains("-----BEGIN PGP PUBLIC KEY BLOCK-----")) {
            throw new GpgKeyException("This is not an ASCII-armored public key: it must start with -----BEGIN PGP PUBLIC KEY BLOCK-----.");
        }
        PGPPublicKeyRing ring = readRing(armored);
        PGPPublicKey primary = ring.getPublicKey();
        List<String> emails = new ArrayList<>();
        boolean primaryCanSign = true;
        for (Iterator<String> ids = primary.getUserIDs(); ids.hasNext(); ) {
            String id = ids.next();
            Matcher email = EMAIL.matcher(id);
            if (email.find()) {
                emails.add(email.group(1).toLowerCase(Locale.ROOT));
            }
            for (Iterator<PGPSignature> sigs = primary.getSignaturesForID(id); sigs.hasNext(); ) {
                Integer flags = keyFlags(sigs.next());
                if (flags != null) {
                    primaryCanSign = (flags & KeyFlags.SIGN_DATA) != 0;
                }
            }
        }
        List<ParsedKey.Subkey> subkeys = new ArrayList<>();
        for (Iterator<PGPPublicKey> keys = ring.getPublicKeys(); keys.hasNext(); ) {
            PGPPublicKey key = keys.next();
            if (key.isMasterKey()) {
                continue;
            }
            boolean canSign = false;
            for (Iterator<PGPSignature> sigs = key.getSignaturesOfType(PGPSignature.SUBKEY_BINDING); sigs.hasNext(); ) {
                Integer flags = keyFlags(sigs.next());
                canSign = canSign || flags != null && (flags & KeyFlags.SIGN_DATA) != 0;
            }
            subkeys.add(new ParsedKey.Subkey(fingerprint(key), keyId(key.getKeyID()), key.getCreationTime().toInstant(),
                    expiry(key), key.hasRevocation(), canSign));
        }
        try {
            return new ParsedKey(fingerprint(primary), keyId(primary.getKeyID()), primary.getCreationTime().toInstant(), expiry(primary),
                    primary.hasRevocation(), primaryCanSign, emails, subkeys, ring.getEncoded());
        } catch (IOException e) {
            throw new GpgKeyException("The key could not be read: " + e.getMessage());
        }
    }

    /** The key ring from its stored (binary) form. */
    public static PGPPublicKeyRing ring(byte[] encoded) {
        try (InputStream in = new ByteArrayInputStream(encoded)) {
            return new PGPPublicKeyRing(in, new org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator());
        } catch (IOException e) {
            throw new IllegalStateException("a stored key could not be read", e);
        }
    }

    private static PGPPublicKeyRing readRing(String armored) {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(armored.getBytes(StandardCharsets.US_ASCII)))) {
            BcPGPObjectFactory objects = new BcPGPObjectFactory(in);
            Object first = objects.nextObject();
            if (first instanceof PGPSecretKeyRing) {
                throw new GpgKeyException("This contains a PRIVATE key. hubguard did not store it; paste the public key instead.");
            }
            if (!(first instanceof PGPPublicKeyRing ring)) {
                throw new GpgKeyException("The armored block holds no public key.");
            }
            return ring;
        } catch (IOException | RuntimeException e) {
            if (e instanceof GpgKeyException problem) {
                throw problem;
            }
            throw new GpgKeyException("The armor is damaged or incomplete: " + e.getMessage());
        }
    }

    private static Integer keyFlags(PGPSignature signature) {
        PGPSignatureSubpacketVector hashed = signature.getHashedSubPackets();
        return hashed == null || hashed.getKeyFlags() == 0 ? null : hashed.getKeyFlags();
    }

    private static Instant expiry(PGPPublicKey key) {
        long seconds = key.getValidSeconds();
        return seconds <= 0 ? null : key.getCreationTime().toInstant().plusSeconds(seconds);
    }

    static String fingerprint(PGPPublicKey key) {
        return HexFormat.of().withUpperCase().formatHex(key.getFingerprint());
    }

    static String keyId(long id) {
        return String.format(Locale.ROOT, "%016X", id);
    }

}
