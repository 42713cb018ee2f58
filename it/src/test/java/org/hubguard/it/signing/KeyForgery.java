package org.hubguard.it.signing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;

import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;

/** What anyone can do to a public key from gpg without its private key: damage a self-signature, graft a subkey. */
final class KeyForgery {

    private KeyForgery() {
    }

    /** The export with the last byte of the subkey's binding signature flipped: it still parses, but does not verify. */
    static String withForgedBinding(byte[] export, String subkeyFingerprint) throws IOException {
        PGPPublicKey subkey = ring(export).getPublicKey(HexFormat.of().parseHex(subkeyFingerprint));
        return armor(flipLastByteOf(export, only(subkey.getSignaturesOfType(PGPSignature.SUBKEY_BINDING))));
    }

    /** The export with the last byte of the user ID's self-certification flipped. */
    static String withForgedCertification(byte[] export, String userId) throws IOException {
        return armor(flipLastByteOf(export, only(ring(export).getPublicKey().getSignaturesForID(userId))));
    }

    /** The first key with the subkey of the second (and the second key's binding of it) inserted. */
    static String graft(byte[] onto, byte[] from, String subkeyFingerprint) throws IOException {
        PGPPublicKey subkey = ring(from).getPublicKey(HexFormat.of().parseHex(subkeyFingerprint));
        return armor(PGPPublicKeyRing.insertPublicKey(ring(onto), subkey).getEncoded());
    }

    private static PGPPublicKeyRing ring(byte[] export) throws IOException {
        return new PGPPublicKeyRing(export, new BcKeyFingerprintCalculator());
    }

    private static PGPSignature only(Iterator<PGPSignature> signatures) {
        PGPSignature found = signatures.next();
        if (signatures.hasNext()) {
            throw new AssertionError("more than one signature");
        }
        return found;
    }

    private static byte[] flipLastByteOf(byte[] export, PGPSignature signature) throws IOException {
        byte[] encoded = signature.getEncoded();
        byte[] tail = Arrays.copyOfRange(encoded, encoded.length - 16, encoded.length);
        for (int i = 0; i <= export.length - tail.length; i++) {
            if (Arrays.equals(export, i, i + tail.length, tail, 0, tail.length)) {
                byte[] forged = export.clone();
                forged[i + tail.length - 1] ^= 0x01;
                return forged;
            }
        }
        throw new AssertionError("the signature is not in the export");
    }

    private static String armor(byte[] binary) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArmoredOutputStream armor = ArmoredOutputStream.builder().clearHeaders().build(bytes)) {
            armor.write(binary);
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }
}
