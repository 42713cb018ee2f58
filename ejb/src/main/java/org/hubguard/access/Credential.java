package org.hubguard.access;

import java.time.Instant;
import java.util.List;

import org.hubguard.tokens.TokenGrant;
import org.hubguard.tokens.TokenRole;

/** How the caller proved who they are; the policy weighs it with the caller's own rights. */
public sealed interface Credential {

    /** Signed in with a password through the web pages. */
    record WebSession() implements Credential {
    }

    /** A user access token: what it allows is the intersection of its role (or grants) and the user's rights. */
    record Token(long tokenId, String name, TokenRole role, List<TokenGrant> grants, Instant createdAt) implements Credential {

        public Token {
            grants = List.copyOf(grants);
        }
    }

    /** An organization's token: reads that organization's repositories, nothing else. */
    record OrgToken(String organization, Instant createdAt) implements Credential {
    }
}
