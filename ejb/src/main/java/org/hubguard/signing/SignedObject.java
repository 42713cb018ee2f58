package org.hubguard.signing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A git commit or annotated tag taken apart into what was signed and the armored signature it carries
 * (null when unsigned): a commit's signature is its {@code gpgsig} header, a tag's ends its message.
 */
record SignedObject(byte[] payload, byte[] signature) {

    private static final byte[] GPGSIG = "gpgsig ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAG_SIGNATURE = "\n-----BEGIN PGP SIGNATURE-----".getBytes(StandardCharsets.US_ASCII);

    /** The commit without its gpgsig header (what was signed), and the signature it carried. */
    static SignedObject ofCommit(byte[] raw) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream(raw.length);
        ByteArrayOutputStream signature = null;
        int pos = 0;
        boolean inHeaders = true;
        boolean inSignature = false;
        while (pos < raw.length) {
            int end = pos;
            while (end < raw.length && raw[end] != '\n') {
                end++;
            }
            int next = Math.min(end + 1, raw.length);
            if (inHeaders && end == pos) { // the blank line ends the headers
                inHeaders = false;
                inSignature = false;
            }
            if (inHeaders && inSignature && raw[pos] == ' ') {
                signature.write(raw, pos + 1, next - pos - 1); // a continuation line of the signature
            } else if (inHeaders && startsWith(raw, pos, GPGSIG)) {
                inSignature = true;
                signature = new ByteArrayOutputStream();
                signature.write(raw, pos + GPGSIG.length, next - pos - GPGSIG.length);
            } else {
                inSignature = false;
                payload.write(raw, pos, next - pos);
            }
            pos = next;
        }
        return new SignedObject(payload.toByteArray(), signature == null ? null : signature.toByteArray());
    }

    /** A tag's payload is everything before the armored signature that ends its message. */
    static SignedObject ofTag(byte[] raw) {
        for (int pos = raw.length - TAG_SIGNATURE.length; pos >= 0; pos--) {
            if (startsWith(raw, pos, TAG_SIGNATURE)) {
                return new SignedObject(Arrays.copyOfRange(raw, 0, pos + 1), Arrays.copyOfRange(raw, pos + 1, raw.length));
            }
        }
        return new SignedObject(raw, null);
    }

    private static boolean startsWith(byte[] raw, int pos, byte[] prefix) {
        if (raw.length - pos < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (raw[pos + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
