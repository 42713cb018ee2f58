package org.hubguard.accounts;

/** A verification link to be mailed once the transaction that made it has committed. */
public record VerificationMail(String username, String email, String link) {

    @Override
    public String toString() {
        // The link is a secret: keep it out of any log line that prints this record.
        return "VerificationMail[username=" + username + ", email=" + email + "]";
    }
}
