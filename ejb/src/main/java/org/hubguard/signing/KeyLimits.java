package org.hubguard.signing;

import java.util.Optional;

import org.bouncycastle.bcpg.BCPGKey;
import org.bouncycastle.bcpg.DSAPublicBCPGKey;
import org.bouncycastle.bcpg.RSAPublicBCPGKey;
import org.bouncycastle.openpgp.PGPPublicKey;

/**
 * Bounds on what a key may ask of the verifier. Verifying costs a modular exponentiation as large as the
 * key's own numbers: a crafted RSA key with a 16,384-bit modulus and public exponent took 5 to 15 s per
 * signature, and a key is proven again whenever it is looked up. Keys gpg makes are far inside these bounds.
 */
final class KeyLimits {

    static final int MAX_USER_IDS = 100;
    static final int MAX_SUBKEYS = 100;
    /** Self-signatures tried per user ID or subkey, newest first: a real key's newest one verifies at once. */
    static final int MAX_ATTEMPTS = 16;

    private KeyLimits() {
    }

    /** Why signatures by this key are not worth verifying, if they are not. */
    static Optional<String> problemWith(PGPPublicKey key) {
        BCPGKey numbers = key.getPublicKeyPacket().getKey();
        if (numbers instanceof RSAPublicBCPGKey rsa) {
            if (rsa.getModulus().bitLength() > 8192) {
                return Optional.of("its RSA modulus has " + rsa.getModulus().bitLength() + " bits (at most 8192)");
            }
            if (rsa.getPublicExponent().bitLength() > 32) {
                return Optional.of("its RSA public exponent has " + rsa.getPublicExponent().bitLength() + " bits (at most 32; gpg uses 65537)");
            }
        } else if (numbers instanceof DSAPublicBCPGKey dsa) {
            if (dsa.getP().bitLength() > 3072 || dsa.getQ().bitLength() > 256) {
                return Optional.of("its DSA parameters have " + dsa.getP().bitLength() + "/" + dsa.getQ().bitLength() + " bits (at most 3072/256)");
            }
        }
        return Optional.empty();
    }
}
