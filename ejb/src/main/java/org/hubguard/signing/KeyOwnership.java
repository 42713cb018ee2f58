package org.hubguard.signing;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may register a key, as the Hub requires: an account claims a key only when one of the key's
 * certified user ID emails is a verified email of that account. Nobody can then squat someone else's key,
 * because only its owner can certify a user ID with their own address on it.
 */
final class KeyOwnership {

    private KeyOwnership() {
    }

    /** Whether one of the key's certified emails is among the verified emails (lower-case). */
    static boolean proves(ParsedKey key, Set<String> verifiedEmails) {
        return key.emails().stream().anyMatch(verifiedEmails::contains);
    }

    /** Refuses, with what to do about it, a key that the uploader cannot claim. */
    static void requireProof(ParsedKey key, String uploaderEmail, boolean uploaderEmailVerified) {
        if (key.emails().isEmpty()) {
            String ignored = key.ignored().stream().filter(i -> i.kind() == ParsedKey.Ignored.Kind.USER_ID)
                    .map(ParsedKey.Ignored::describe).collect(Collectors.joining("; "));
            throw new GpgKeyException("This key has no user ID with an email address that its own key certifies"
                    + (ignored.isEmpty() ? "" : " (" + ignored + ")")
                    + ", so hubguard cannot tell whose key it is. Add one with gpg --quick-add-uid KEYID 'Your Name <"
                    + uploaderEmail + ">' and export the key again.");
        }
        String emails = String.join(", ", key.emails());
        if (!uploaderEmailVerified) {
            throw new GpgKeyException("Verify your email address (" + uploaderEmail + ") first: a key can be added only when "
                    + "one of its user IDs is your verified email. This key's user IDs are " + emails + ".");
        }
        if (!proves(key, Set.of(uploaderEmail.toLowerCase(Locale.ROOT)))) {
            throw new GpgKeyException("This key's user IDs are " + emails + "; your verified email " + uploaderEmail
                    + " must be one of them. Add it with gpg --quick-add-uid KEYID 'Your Name <" + uploaderEmail
                    + ">' and export the key again.");
        }
    }
}
