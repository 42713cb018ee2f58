package org.hubguard.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;

import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.api.bc.BcOpenPGPApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keys made by the real gpg, then forged the way an attacker could (bytes flipped in a self-signature, a
 * subkey grafted from another key) or bound the way gpg never would: only what the key's own signatures
 * prove is used.
 */
class KeyProofTest {

    private static GpgFixture gpg;

    @BeforeAll
    static void gnupgHome() throws Exception {
        gpg = new GpgFixture();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        gpg.close();
    }

    @Test
    void theSelfSignaturesOfRealKeysVerify() throws Exception {
        // primary, signing subkey, encryption subkey: RSA, EdDSA with ECDH, ECDSA with ECDH
        for (String[] algos : new String[][] {{"rsa3072", "rsa3072", "rsa3072"}, {"ed25519", "ed25519", "cv25519"},
                {"nistp256", "nistp256/ecdsa", "nistp256/ecdh"}}) {
            String email = algos[0] + "-proof@example.test";
            String fpr = gpg.newKey("Proof " + algos[0], email, algos[0], "cert");
            String signing = gpg.addSubkey(fpr, algos[1], "sign");
            String encrypting = gpg.addSubkey(fpr, algos[2], "encr");
            gpg.addUserId(fpr, "Proof (work) <work-" + email + ">");
            ParsedKey key = GpgKeys.parse(gpg.export(fpr));
            assertEquals(List.of(), key.ignored(), algos[0]);
            assertEquals(List.of(email, "work-" + email), key.emails(), algos[0]);
            assertFalse(key.canSign(), "the primary key only certifies");
            assertEquals(List.of(signing, encrypting), key.subkeys().stream().map(ParsedKey.Subkey::fingerprint).toList());
            assertTrue(key.subkeys().get(0).canSign());
            assertFalse(key.subkeys().get(1).canSign());
            assertEquals(SignatureStatus.VERIFIED, verify(gpg.signedCommit(signing + "!", email, "by the " + algos[0] + " subkey"), email, key).status());
        }
    }

    @Test
    void aSubkeyWhoseBindingSignatureWasTamperedWithIsIgnored() throws Exception {
        String email = "flip@example.test";
        String fpr = gpg.newKey("Flip", email, "ed25519", "cert");
        String signing = gpg.addSubkey(fpr, "ed25519", "sign");
        byte[] export = gpg.exportBinary(fpr);
        PGPSignature binding = Forgery.only(Forgery.key(Forgery.ring(export), signing).getSignaturesOfType(PGPSignature.SUBKEY_BINDING));
        ParsedKey key = GpgKeys.parse(Forgery.armor(Forgery.flipLastByteOf(export, binding)));

        assertEquals(List.of(), key.subkeys());
        assertEquals(List.of(new ParsedKey.Ignored(ParsedKey.Ignored.Kind.SUBKEY, signing, null, "no valid binding signature by the primary key")), key.ignored());
        assertEquals(List.of(email), key.emails(), "the user ID is still certified");
        SignatureCheck check = verify(gpg.signedCommit(signing + "!", email, "by a subkey with a forged binding"), email, key);
        assertEquals("unbound_subkey", check.reason());
        assertEquals(signing, check.keyFingerprint());
        assertNull(check.signer(), "nobody is named for a subkey that no key binds");
    }

    @Test
    void aSubkeyGraftedFromAnotherKeyIsIgnoredAndCannotTakeItsOwnersCommits() throws Exception {
        String aliceEmail = "alice-graft@example.test";
        String alice = gpg.newKey("Alice", aliceEmail, "ed25519", "cert");
        String aliceSigning = gpg.addSubkey(alice, "ed25519", "sign");
        String mallory = gpg.newKey("Mallory", "mallory-graft@example.test", "ed25519", "sign,cert");
        PGPPublicKeyRing grafted = Forgery.graft(Forgery.ring(gpg.exportBinary(mallory)),
                Forgery.key(Forgery.ring(gpg.exportBinary(alice)), aliceSigning));
        ParsedKey malloryKey = GpgKeys.parse(Forgery.armor(grafted.getEncoded()));
        assertEquals(List.of(), malloryKey.subkeys());
        assertEquals(List.of(mallory, aliceSigning), malloryKey.allFingerprints(), "still found by the fingerprint, to say why it is not trusted");

        byte[] commit = gpg.signedCommit(aliceSigning + "!", aliceEmail, "alice's commit");
        KnownKey malloryKnown = new KnownKey(malloryKey, "mallory", Set.of("mallory-graft@example.test"));
        KnownKey aliceKnown = new KnownKey(GpgKeys.parse(gpg.export(alice)), "alice", Set.of(aliceEmail));
        assertEquals("unbound_subkey", CommitSignatures.verify(commit, aliceEmail, KeyDirectory.of(List.of(malloryKnown))).reason());
        for (List<KnownKey> order : List.of(List.of(malloryKnown, aliceKnown), List.of(aliceKnown, malloryKnown))) {
            SignatureCheck check = CommitSignatures.verify(commit, aliceEmail, KeyDirectory.of(order));
            assertEquals(SignatureStatus.VERIFIED, check.status(), "whichever key is found first");
            assertEquals("alice", check.signer());
            assertEquals(alice, check.keyFingerprint());
        }
    }

    @Test
    void aSignatureByASubkeyThatMayNotSignIsNotUsed() throws Exception {
        String email = "encr@example.test";
        String fpr = gpg.newKey("Encr", email, "rsa3072", "sign,cert");
        String encrypting = gpg.addSubkey(fpr, "rsa3072", "encr");
        byte[] unsigned = gpg.unsignedCommit(email, "signed by the encryption subkey");
        PGPSignature signature = Forgery.sign(Forgery.secretRing(gpg.exportSecret(fpr)), encrypting, SignedObject.ofCommit(unsigned).payload(), true);
        SignatureCheck check = verify(Forgery.withGpgsig(unsigned, Forgery.armorSignature(signature)), email, GpgKeys.parse(gpg.export(fpr)));
        assertEquals("not_signing_key", check.reason());
        assertEquals(fpr, check.keyFingerprint());
    }

    @Test
    void aSigningSubkeyNeedsItsBackSignature() throws Exception {
        String email = "back@example.test";
        String fpr = gpg.newKey("Back", email, "ed25519", "cert");
        String signing = gpg.addSubkey(fpr, "ed25519", "sign");
        PGPPublicKeyRing ring = Forgery.ring(gpg.exportBinary(fpr));
        var secret = Forgery.secretRing(gpg.exportSecret(fpr));
        byte[] commit = gpg.signedCommit(signing + "!", email, "by a subkey");

        ParsedKey without = GpgKeys.parse(Forgery.armor(Forgery.rebind(ring, secret, signing, false).getEncoded()));
        assertEquals(List.of(), without.subkeys());
        assertTrue(without.ignored().get(0).why().contains("no valid back-signature"), without.ignored().toString());
        assertEquals("unbound_subkey", verify(commit, email, without).reason());

        // The same binding made with its back-signature is proven: the forgery above lacks only that.
        ParsedKey with = GpgKeys.parse(Forgery.armor(Forgery.rebind(ring, secret, signing, true).getEncoded()));
        assertEquals(List.of(signing), with.subkeys().stream().map(ParsedKey.Subkey::fingerprint).toList());
        assertEquals(SignatureStatus.VERIFIED, verify(commit, email, with).status());
    }

    @Test
    void aUserIdWhoseCertificationWasTamperedWithIsNotUsed() throws Exception {
        String email = "uid@example.test";
        String fpr = gpg.newKey("Uid", email, "rsa3072", "sign,cert");
        gpg.addUserId(fpr, "Uid (other) <other-uid@example.test>");
        byte[] export = gpg.exportBinary(fpr);
        PGPSignature certification = Forgery.only(Forgery.ring(export).getPublicKey().getSignaturesForID("Uid (other) <other-uid@example.test>"));
        ParsedKey key = GpgKeys.parse(Forgery.armor(Forgery.flipLastByteOf(export, certification)));

        assertEquals(List.of(email), key.emails());
        assertEquals(List.of(new ParsedKey.Ignored(ParsedKey.Ignored.Kind.USER_ID, "Uid (other) <other-uid@example.test>",
                "other-uid@example.test", "no valid self-signature by the primary key")), key.ignored());
        byte[] commit = gpg.signedCommit(fpr, "other-uid@example.test", "as the uncertified address");
        assertEquals("uncertified_uid", verify(commit, "other-uid@example.test", key, Set.of("other-uid@example.test")).reason());
        assertEquals(SignatureStatus.VERIFIED, verify(gpg.signedCommit(fpr, email, "as the certified address"), email, key).status());
    }

    @Test
    void aKeyWhoseOnlyUserIdIsUncertifiedIsRefusedAtUpload() throws Exception {
        String email = "lonely@example.test";
        String fpr = gpg.newKey("Lonely", email, "ed25519", "sign,cert");
        byte[] export = gpg.exportBinary(fpr);
        PGPSignature certification = Forgery.only(Forgery.ring(export).getPublicKey().getSignaturesForID("Lonely <" + email + ">"));
        ParsedKey key = GpgKeys.parse(Forgery.armor(Forgery.flipLastByteOf(export, certification)));

        assertEquals(List.of(), key.emails());
        GpgKeyException refused = assertThrows(GpgKeyException.class, () -> KeyOwnership.requireProof(key, email, true));
        assertTrue(refused.getMessage().startsWith("This key has no user ID with an email address that its own key certifies "
                + "(user ID 'Lonely <lonely@example.test>' ignored: no valid self-signature by the primary key)"), refused.getMessage());
    }

    @Test
    void revocationsCountOnlyWhenTheyVerify() throws Exception {
        String email = "revokes@example.test";
        String fpr = gpg.newKey("Revokes", email, "ed25519", "sign,cert");
        gpg.addUserId(fpr, "Revokes (old) <old-revokes@example.test>");
        gpg.run(gpg.home, "gpg", "--batch", "--quick-revoke-uid", fpr, "Revokes (old) <old-revokes@example.test>");
        String subkey = gpg.addSubkey(fpr, "ed25519", "sign");
        gpg.runWithInput(gpg.home, "y\n0\n\ny\n", "gpg", "--batch", "--passphrase", "", "--command-fd", "0", "--edit-key", fpr,
                "key " + subkey, "revkey", "save");
        ParsedKey revoked = GpgKeys.parse(gpg.export(fpr));
        assertEquals(List.of(email), revoked.emails());
        assertEquals("revoked", revoked.ignored().get(0).why());
        assertTrue(revoked.subkeys().get(0).revoked());

        byte[] export = gpg.exportBinary(fpr);
        PGPPublicKeyRing ring = Forgery.ring(export);
        PGPSignature uidRevocation = Forgery.only(ring.getPublicKey().getSignaturesOfType(PGPSignature.CERTIFICATION_REVOCATION));
        PGPSignature subkeyRevocation = Forgery.only(Forgery.key(ring, subkey).getSignaturesOfType(PGPSignature.SUBKEY_REVOCATION));
        ParsedKey forged = GpgKeys.parse(Forgery.armor(Forgery.flipLastByteOf(Forgery.flipLastByteOf(export, uidRevocation), subkeyRevocation)));
        assertEquals(List.of(email, "old-revokes@example.test"), forged.emails(), "a forged revocation revokes nothing");
        assertFalse(forged.subkeys().get(0).revoked());

        String certificate = Files.readString(gpg.home.resolve("openpgp-revocs.d/" + fpr + ".rev")).replace(":-----BEGIN", "-----BEGIN");
        Path file = gpg.home.resolve("revokes.asc");
        Files.writeString(file, certificate);
        gpg.run(gpg.home, "gpg", "--batch", "--import", file.toString());
        byte[] revokedExport = gpg.exportBinary(fpr);
        assertTrue(GpgKeys.parse(Forgery.armor(revokedExport)).revoked());
        PGPSignature keyRevocation = Forgery.only(Forgery.ring(revokedExport).getPublicKey().getSignaturesOfType(PGPSignature.KEY_REVOCATION));
        assertFalse(GpgKeys.parse(Forgery.armor(Forgery.flipLastByteOf(revokedExport, keyRevocation))).revoked());
    }

    @Test
    void keysThatWouldMakeEveryCheckSlowAreRefusedQuickly() throws Exception {
        // Each check of a signature by this key is an exponentiation by its 16,384-bit exponent (with a 16,384-bit
        // modulus, 5 to 15 s for one signature here), at every upload and every lookup. A small modulus keeps the test fast.
        BigInteger modulus = BigInteger.probablePrime(1024, new SecureRandom()).multiply(BigInteger.probablePrime(1024, new SecureRandom()));
        String slow = Forgery.craftedRsaKey(modulus, BigInteger.ONE.shiftLeft(16383).setBit(0), 1, 8);
        long start = System.nanoTime();
        GpgKeyException refused = assertThrows(GpgKeyException.class, () -> GpgKeys.parse(slow));
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "refused before any verification");
        assertEquals("hubguard does not accept this key: its RSA public exponent has 16384 bits (at most 32; gpg uses 65537).", refused.getMessage());

        String crowded = Forgery.craftedRsaKey(modulus, BigInteger.valueOf(65537), 101, 0);
        assertTrue(assertThrows(GpgKeyException.class, () -> GpgKeys.parse(crowded)).getMessage()
                .startsWith("This key has 101 user IDs and 0 subkeys; hubguard accepts at most 100 of each."));

        String email = "bounded@example.test";
        String fpr = gpg.newKey("Bounded", email, "ed25519", "sign,cert");
        PGPPublicKeyRing withSubkey = Forgery.withRsaSigningSubkey(Forgery.ring(gpg.exportBinary(fpr)), Forgery.secretRing(gpg.exportSecret(fpr)),
                modulus, BigInteger.ONE.shiftLeft(4095).setBit(0));
        ParsedKey key = GpgKeys.parse(Forgery.armor(withSubkey.getEncoded()));
        assertEquals(List.of(), key.subkeys());
        assertEquals("it may sign, but its RSA public exponent has 4096 bits (at most 32; gpg uses 65537)", key.ignored().get(0).why());
    }

    @Test
    void version6KeysAreRefusedClearly() throws Exception {
        String v6 = new BcOpenPGPApi().generateKey(6).ed25519x25519Key("Six <six@example.test>").build().toCertificate().toAsciiArmoredString();
        GpgKeyException refused = assertThrows(GpgKeyException.class, () -> GpgKeys.parse(v6));
        assertTrue(refused.getMessage().startsWith("This is a version 6 OpenPGP key; hubguard verifies version 4 keys"), refused.getMessage());
    }

    private static SignatureCheck verify(byte[] commit, String email, ParsedKey key) {
        return verify(commit, email, key, Set.of(email));
    }

    private static SignatureCheck verify(byte[] commit, String email, ParsedKey key, Set<String> verifiedEmails) {
        return CommitSignatures.verify(commit, email, KeyDirectory.of(List.of(new KnownKey(key, "owner", verifiedEmails))));
    }
}
