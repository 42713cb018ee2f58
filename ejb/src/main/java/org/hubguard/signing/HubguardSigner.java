package org.hubguard.signing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Date;
import java.util.Set;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;

/**
 * hubguard's own OpenPGP key: generated at the first start, kept in the database, used to sign the commits
 * hubguard writes on a user's behalf (commit API, browser editor), so they show as Verified, as GitHub
 * does for web commits. The public key is at {@code GET /api/signing-key}.
 */
@Singleton
@Startup
@Lock(LockType.READ)
public class HubguardSigner {

    public static final String NAME = "hubguard";
    public static final String EMAIL = "hubguard@localhost";

    private static final Logger LOG = Logger.getLogger(HubguardSigner.class.getName());

    @PersistenceContext
    EntityManager em;

    private PGPSecretKeyRing secretRing;
    private ParsedKey publicKey;
    private String armoredPublic;

    @PostConstruct
    void loadOrCreate() {
        ServerSigningKey stored = em.find(ServerSigningKey.class, 1);
        if (stored == null) {
            stored = generate();
            em.persist(stored);
            LOG.info("Created hubguard's commit signing key " + stored.getFingerprint() + " (public key at /api/signing-key).");
        }
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(stored.getArmoredSecret().getBytes(StandardCharsets.US_ASCII)))) {
            secretRing = new PGPSecretKeyRing(in, new BcKeyFingerprintCalculator());
        } catch (IOException | PGPException e) {
            throw new IllegalStateException("hubguard's signing key cannot be read", e);
        }
        armoredPublic = stored.getArmoredPublic();
        publicKey = GpgKeys.parse(armoredPublic);
    }

    /** An ASCII-armored detached signature of {@code payload}. */
    public byte[] sign(byte[] payload) {
        try {
            PGPPublicKey key = secretRing.getPublicKey();
            PGPPrivateKey privateKey = secretRing.getSecretKey().extractPrivateKey(null);
            PGPSignatureGenerator generator = new PGPSignatureGenerator(
                    new BcPGPContentSignerBuilder(key.getAlgorithm(), HashAlgorithmTags.SHA512), key);
            generator.init(PGPSignature.BINARY_DOCUMENT, privateKey);
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            hashed.setSignatureCreationTime(false, new Date());
            hashed.setIssuerFingerprint(false, key);
            generator.setHashedSubpackets(hashed.generate());
            generator.update(payload);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ArmoredOutputStream armor = ArmoredOutputStream.builder().clearHeaders().build(bytes)) {
                generator.generate().encode(armor);
            }
            return bytes.toByteArray();
        } catch (IOException | PGPException e) {
            throw new IllegalStateException("hubguard could not sign a commit", e);
        }
    }

    public String armoredPublicKey() {
        return armoredPublic;
    }

    public String fingerprint() {
        return publicKey.fingerprint();
    }

    /** The server key as a known key: commits it signed count as made through hubguard. */
    public KnownKey asKnownKey() {
        return new KnownKey(publicKey, NAME, Set.of(EMAIL));
    }

    private static ServerSigningKey generate() {
        try {
            Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
            generator.init(new Ed25519KeyGenerationParameters(new SecureRandom()));
            AsymmetricCipherKeyPair pair = generator.generateKeyPair();
            PGPKeyPair keyPair = new BcPGPKeyPair(PublicKeyAlgorithmTags.EDDSA_LEGACY, pair, new Date());
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            hashed.setKeyFlags(false, KeyFlags.SIGN_DATA | KeyFlags.CERTIFY_OTHER);
            PGPKeyRingGenerator rings = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, keyPair,
                    NAME + " <" + EMAIL + ">", new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1), hashed.generate(), null,
                    new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.EDDSA_LEGACY, HashAlgorithmTags.SHA512), null);
            String publicArmor = armor(rings.generatePublicKeyRing().getEncoded());
            String secretArmor = armor(rings.generateSecretKeyRing().getEncoded());
            return new ServerSigningKey(GpgKeys.parse(publicArmor).fingerprint(), publicArmor, secretArmor, java.time.Instant.now());
        } catch (IOException | PGPException e) {
            throw new IllegalStateException("hubguard could not create its signing key", e);
        }
    }

    private static String armor(byte[] encoded) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArmoredOutputStream armor = ArmoredOutputStream.builder().clearHeaders().build(bytes)) {
            armor.write(encoded);
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }
}
