package org.hubguard.tokens;

/** Tells a token's owner that hubguard revoked the token because it leaked (sent once the revocation commits). */
public record LeakedTokenMail(String username, String email, String tokenName, String reason) {
}
