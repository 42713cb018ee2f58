package org.hubguard.signing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.Iterator;

import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.BCPGOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.MPInteger;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.PublicSubkeyPacket;
import org.bouncycastle.bcpg.RSAPublicBCPGKey;
import org.bouncycastle.bcpg.SignaturePacket;
import org.bouncycastle.bcpg.SignatureSubpacket;
import org.bouncycastle.bcpg.UserIDPacket;
import org.bouncycastle.bcpg.sig.SignatureCreationTime;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;

/**
 * What an attacker can do to a real gpg export without the owner's private key (flip bytes in a signature,
 * graft a subkey from another key), and what the owner's own private key can make that gpg never would
 * (a signing subkey bound without a back-signature, a signature without an issuer fingerprint).
 */
final class Forgery {

    private Forgery() {
    }

    static PGPPublicKeyRing ring(byte[] binary) throws IOException {
        return new PGPPublicKeyRing(binary, new BcKeyFingerprintCalculator());
    }

    static PGPSecretKeyRing secretRing(byte[] binary) throws IOException, PGPException {
        return new PGPSecretKeyRing(binary, new BcKeyFingerprintCalculator());
    }

    static PGPPublicKey key(PGPPublicKeyRing ring, String fingerprint) {
        return ring.getPublicKey(HexFormat.of().parseHex(fingerprint));
    }

    static String armor(byte[] binary) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArmoredOutputStream armor = ArmoredOutputStream.builder().clearHeaders().build(bytes)) {
            armor.write(binary);
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    static byte[] armorSignature(PGPSignature signature) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArmoredOutputStream armor = ArmoredOutputStream.builder().clearHeaders().build(bytes)) {
            signature.encode(armor);
        }
        return bytes.toByteArray();
    }

    /**
     * The export with the last byte of {@code signature} flipped, where it sits in the export: the end of the
     * signature value itself, so the packet still parses but no longer verifies.
     */
    static byte[] flipLastByteOf(byte[] export, PGPSignature signature) throws IOException {
        byte[] encoded = signature.getEncoded();
        byte[] tail = Arrays.copyOfRange(encoded, encoded.length - 16, encoded.length);
        int at = indexOf(export, tail);
        if (at < 0 || indexOf(Arrays.copyOfRange(export, at + 1, export.length), tail) >= 0) {
            throw new AssertionError("the signature is not found exactly once in the export");
        }
        byte[] forged = export.clone();
        forged[at + tail.length - 1] ^= 0x01;
        return forged;
    }

    /** The one signature the iterator yields (e.g. a user ID's only self-certification). */
    static PGPSignature only(Iterator<PGPSignature> signatures) {
        PGPSignature found = signatures.next();
        if (signatures.hasNext()) {
            throw new AssertionError("more than one signature");
        }
        return found;
    }

    /** The subkey (with its binding by another primary key) inserted into this key. */
    static PGPPublicKeyRing graft(PGPPublicKeyRing onto, PGPPublicKey subkey) {
        return PGPPublicKeyRing.insertPublicKey(onto, subkey);
    }

    /**
     * The subkey's bindings replaced by one new signing binding made with the primary key's private key,
     * with or without the back-signature that gpg always adds.
     */
    static PGPPublicKeyRing rebind(PGPPublicKeyRing ring, PGPSecretKeyRing secret, String subkeyFingerprint, boolean backSignature)
            throws PGPException, IOException {
        PGPPublicKey primary = ring.getPublicKey();
        PGPPublicKey subkey = key(ring, subkeyFingerprint);
        for (Iterator<PGPSignature> old = subkey.getSignaturesOfType(PGPSignature.SUBKEY_BINDING); old.hasNext(); ) {
            subkey = PGPPublicKey.removeCertification(subkey, old.next());
        }
        PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
        hashed.setSignatureCreationTime(false, new Date(System.currentTimeMillis() + 2000)); // newer than gpg's
        hashed.setKeyFlags(false, KeyFlags.SIGN_DATA);
        hashed.setIssuerFingerprint(false, primary);
        if (backSignature) {
            PGPSignatureGenerator back = generator(subkey, privateKey(secret, subkeyFingerprint), PGPSignature.PRIMARYKEY_BINDING);
            PGPSignatureSubpacketGenerator backHashed = new PGPSignatureSubpacketGenerator();
            backHashed.setSignatureCreationTime(false, new Date(System.currentTimeMillis() + 2000));
            backHashed.setIssuerFingerprint(false, subkey);
            back.setHashedSubpackets(backHashed.generate());
            hashed.setEmbeddedSignature(false, back.generateCertification(primary, subkey));
        }
        PGPSignatureGenerator binding = generator(primary, privateKey(secret, GpgKeys.fingerprint(primary)), PGPSignature.SUBKEY_BINDING);
        binding.setHashedSubpackets(hashed.generate());
        PGPSignature signature = binding.generateCertification(primary, subkey);
        return PGPPublicKeyRing.insertPublicKey(ring, PGPPublicKey.addCertification(subkey, signature));
    }

    /** A v4 RSA key with the given numbers, one user ID and {@code signatures} junk self-certifications (no private key exists). */
    static String craftedRsaKey(BigInteger modulus, BigInteger exponent, int userIds, int signatures) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (BCPGOutputStream out = new BCPGOutputStream(bytes)) {
            out.writePacket(new PublicKeyPacket(PublicKeyAlgorithmTags.RSA_GENERAL, new Date(), new RSAPublicBCPGKey(modulus, exponent)));
            for (int i = 0; i < userIds; i++) {
                out.writePacket(new UserIDPacket("Crafted " + i + " <crafted" + i + "@example.test>"));
            }
            for (int i = 0; i < signatures; i++) {
                out.writePacket(new SignaturePacket(PGPSignature.POSITIVE_CERTIFICATION, 0L, PublicKeyAlgorithmTags.RSA_GENERAL,
                        HashAlgorithmTags.SHA256, new SignatureSubpacket[] {new SignatureCreationTime(false, new Date())},
                        new SignatureSubpacket[0], new byte[2], new MPInteger[] {new MPInteger(modulus.subtract(BigInteger.TWO))}));
            }
        }
        return armor(bytes.toByteArray());
    }

    /** The key with a new RSA subkey of the given numbers, bound for signing by the primary key (no back-signature can exist). */
    static PGPPublicKeyRing withRsaSigningSubkey(PGPPublicKeyRing ring, PGPSecretKeyRing secret, BigInteger modulus, BigInteger exponent)
            throws PGPException, IOException {
        PGPPublicKey primary = ring.getPublicKey();
        PGPPublicKey subkey = new PGPPublicKey(new PublicSubkeyPacket(PublicKeyAlgorithmTags.RSA_GENERAL, new Date(),
                new RSAPublicBCPGKey(modulus, exponent)), new BcKeyFingerprintCalculator());
        PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
        hashed.setSignatureCreationTime(false, new Date());
        hashed.setKeyFlags(false, KeyFlags.SIGN_DATA);
        PGPSignatureGenerator binding = generator(primary, privateKey(secret, GpgKeys.fingerprint(primary)), PGPSignature.SUBKEY_BINDING);
        binding.setHashedSubpackets(hashed.generate());
        return PGPPublicKeyRing.insertPublicKey(ring, PGPPublicKey.addCertification(subkey, binding.generateCertification(primary, subkey)));
    }

    /** A detached binary signature over {@code payload} that names its key by 64-bit key id only, as old signers did. */
    static PGPSignature signWithKeyIdOnly(PGPSecretKeyRing secret, String fingerprint, byte[] payload) throws PGPException {
        return sign(secret, fingerprint, payload, false);
    }

    /** A detached binary signature over {@code payload} by any (sub)key, whatever its flags allow. */
    static PGPSignature sign(PGPSecretKeyRing secret, String fingerprint, byte[] payload, boolean issuerFingerprint) throws PGPException {
        PGPPublicKey key = secret.getPublicKey(HexFormat.of().parseHex(fingerprint));
        PGPSignatureGenerator generator = generator(key, privateKey(secret, fingerprint), PGPSignature.BINARY_DOCUMENT);
        PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
        hashed.setSignatureCreationTime(false, new Date());
        if (issuerFingerprint) {
            hashed.setIssuerFingerprint(false, key);
        }
        PGPSignatureSubpacketGenerator unhashed = new PGPSignatureSubpacketGenerator();
        unhashed.setIssuerKeyID(false, key.getKeyID());
        generator.setHashedSubpackets(hashed.generate());
        generator.setUnhashedSubpackets(unhashed.generate());
        generator.update(payload);
        return generator.generate();
    }

    /** The unsigned commit with a gpgsig header holding {@code armoredSignature}, as git writes it. */
    static byte[] withGpgsig(byte[] unsignedCommit, byte[] armoredSignature) {
        String commit = new String(unsignedCommit, StandardCharsets.UTF_8);
        int headersEnd = commit.indexOf("\n\n");
        String signature = new String(armoredSignature, StandardCharsets.US_ASCII).strip().replace("\n", "\n ");
        return (commit.substring(0, headersEnd) + "\ngpgsig " + signature + commit.substring(headersEnd)).getBytes(StandardCharsets.UTF_8);
    }

    private static PGPSignatureGenerator generator(PGPPublicKey signer, PGPPrivateKey privateKey, int type) throws PGPException {
        PGPSignatureGenerator generator = new PGPSignatureGenerator(new BcPGPContentSignerBuilder(signer.getAlgorithm(), HashAlgorithmTags.SHA256), signer);
        generator.init(type, privateKey);
        return generator;
    }

    private static PGPPrivateKey privateKey(PGPSecretKeyRing secret, String fingerprint) throws PGPException {
        return secret.getSecretKey(HexFormat.of().parseHex(fingerprint)).extractPrivateKey(null);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
