package org.hubguard.signing;

import java.util.Set;

/** An uploaded key with its owner and the owner's verified email addresses (lower-case). */
public record KnownKey(ParsedKey key, String owner, Set<String> ownerVerifiedEmails) {
}
