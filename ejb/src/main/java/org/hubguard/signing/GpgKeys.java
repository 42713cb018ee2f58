package org.hubguard.signing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;

import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

/**
 * Reads ASCII-armored OpenPGP public keys with Bouncy Castle, refusing what must not be stored; what the
 * key proves about itself is {@link KeyProof}'s job.
 */
public final class GpgKeys {

    public static final int MAX_ARMORED_LENGTH = 64 * 1024;

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
        int version = ring.getPublicKey().getVersion();
        if (version != PublicKeyPacket.VERSION_4) {
            throw new GpgKeyException("This is a version " + version + " OpenPGP key; hubguard verifies version 4 keys, "
                    + "which is what gpg makes (gpg --quick-gen-key). Version 6 keys are not supported yet.");
        }
        refuseUnreasonable(ring);
        return KeyProof.prove(ring);
    }

    private static void refuseUnreasonable(PGPPublicKeyRing ring) {
        KeyLimits.problemWith(ring.getPublicKey()).ifPresent(problem -> {
            throw new GpgKeyException("hubguard does not accept this key: " + problem + ".");
        });
        int userIds = 0;
        for (Iterator<byte[]> ids = ring.getPublicKey().getRawUserIDs(); ids.hasNext(); ids.next()) {
            userIds++;
        }
        int subkeys = ring.size() - 1;
        if (userIds > KeyLimits.MAX_USER_IDS || subkeys > KeyLimits.MAX_SUBKEYS) {
            throw new GpgKeyException("This key has " + userIds + " user IDs and " + subkeys + " subkeys; hubguard accepts at most "
                    + KeyLimits.MAX_USER_IDS + " of each. Export only what you sign with (gpg --armor --export-options export-minimal --export KEYID).");
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

    static String fingerprint(PGPPublicKey key) {
        return HexFormat.of().withUpperCase().formatHex(key.getFingerprint());
    }

    static String keyId(long id) {
        return String.format(Locale.ROOT, "%016X", id);
    }

}
