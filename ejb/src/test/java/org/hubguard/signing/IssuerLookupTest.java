package org.hubguard.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How a signature finds its key: by the issuer fingerprint subpacket, or, without one, by 64-bit key id
 * among every key whose fingerprint ends with it, whichever account holds it. Two accounts holding the same
 * key id is made real here by grafting Alice's signing subkey onto Mallory's key.
 */
class IssuerLookupTest {

    private static GpgFixture gpg;
    private static String aliceEmail = "alice-lookup@example.test";
    private static String aliceSigning;
    private static KnownKey alice;
    private static KnownKey mallory;
    private static PGPSecretKeyRing aliceSecret;

    @BeforeAll
    static void keys() throws Exception {
        gpg = new GpgFixture();
        String aliceFpr = gpg.newKey("Alice", aliceEmail, "ed25519", "cert");
        aliceSigning = gpg.addSubkey(aliceFpr, "ed25519", "sign");
        aliceSecret = Forgery.secretRing(gpg.exportSecret(aliceFpr));
        alice = new KnownKey(GpgKeys.parse(gpg.export(aliceFpr)), "alice", Set.of(aliceEmail));
        String malloryFpr = gpg.newKey("Mallory", "mallory-lookup@example.test", "ed25519", "sign,cert");
        PGPPublicKeyRing grafted = Forgery.graft(Forgery.ring(gpg.exportBinary(malloryFpr)),
                Forgery.key(Forgery.ring(gpg.exportBinary(aliceFpr)), aliceSigning));
        mallory = new KnownKey(GpgKeys.parse(Forgery.armor(grafted.getEncoded())), "mallory", Set.of("mallory-lookup@example.test", aliceEmail));
    }

    @AfterAll
    static void cleanUp() throws Exception {
        gpg.close();
    }

    @Test
    void aSignatureWithAnIssuerFingerprintIsLookedUpByItAlone() throws Exception {
        byte[] commit = gpg.signedCommit(aliceSigning + "!", aliceEmail, "signed by git and gpg");
        Recording keys = new Recording(List.of(mallory, alice));
        assertEquals(SignatureStatus.VERIFIED, CommitSignatures.verify(commit, aliceEmail, keys).status());
        assertEquals(List.of("fingerprint " + aliceSigning), keys.asked);
    }

    @Test
    void withoutAnIssuerFingerprintEveryKeyWithTheKeyIdIsTried() throws Exception {
        byte[] unsigned = gpg.unsignedCommit(aliceEmail, "signed by an old signer");
        PGPSignature signature = Forgery.signWithKeyIdOnly(aliceSecret, aliceSigning, SignedObject.ofCommit(unsigned).payload());
        assertNull(signature.getHashedSubPackets().getIssuerFingerprint());
        assertNull(signature.getUnhashedSubPackets().getIssuerFingerprint());
        byte[] commit = Forgery.withGpgsig(unsigned, Forgery.armorSignature(signature));
        String keyId = aliceSigning.substring(24);

        for (List<KnownKey> order : List.of(List.of(mallory, alice), List.of(alice, mallory))) {
            Recording keys = new Recording(order);
            SignatureCheck check = CommitSignatures.verify(commit, aliceEmail, keys);
            assertEquals(SignatureStatus.VERIFIED, check.status(), "never the first match: " + check);
            assertEquals("alice", check.signer());
            assertEquals(List.of("key id " + keyId), keys.asked);
        }
        SignatureCheck onlyMallory = CommitSignatures.verify(commit, aliceEmail, KeyDirectory.of(List.of(mallory)));
        assertEquals("unbound_subkey", onlyMallory.reason());
        assertNull(onlyMallory.signer());
    }

    @Test
    void aKeyTheDirectoryReturnsIsUsedOnlyIfItHoldsTheIssuer() throws Exception {
        byte[] commit = gpg.signedCommit(aliceSigning + "!", aliceEmail, "signed again");
        KnownKey unrelated = new KnownKey(GpgKeys.parse(gpg.export(gpg.newKey("Other", "other-lookup@example.test", "ed25519", "sign,cert"))),
                "other", Set.of("other-lookup@example.test"));
        KeyDirectory careless = new KeyDirectory() {
            @Override
            public List<KnownKey> withFingerprint(String fingerprint) {
                return List.of(unrelated);
            }

            @Override
            public List<KnownKey> withKeyId(String keyId) {
                return List.of(unrelated);
            }
        };
        assertEquals("unknown_key", CommitSignatures.verify(commit, aliceEmail, careless).reason());
    }

    /** A directory over fixed keys that records what it was asked. */
    private static final class Recording implements KeyDirectory {
        final List<String> asked = new ArrayList<>();
        private final KeyDirectory keys;

        Recording(List<KnownKey> keys) {
            this.keys = KeyDirectory.of(keys);
        }

        @Override
        public List<KnownKey> withFingerprint(String fingerprint) {
            asked.add("fingerprint " + fingerprint);
            return keys.withFingerprint(fingerprint);
        }

        @Override
        public List<KnownKey> withKeyId(String keyId) {
            asked.add("key id " + keyId);
            return keys.withKeyId(keyId);
        }
    }
}
