package org.hubguard.accounts;

import java.time.Clock;
import java.time.Instant;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.hubguard.config.HubguardConfig;

/** Issues single-use, expiring email verification links and redeems them. */
@Stateless
public class EmailVerificationService {


    public enum Outcome {
        VERIFIED("Your email address is verified. Thank you!"),
        ALREADY_USED("This verification link has already been used. Each link works once."),
        EXPIRED("This verification link has expired. Sign in and send a new one from your account settings."),
        INVALID("This verification link is not valid. Check that you copied all of it, or send a new one from your account settings.");

        private final String message;

        Outcome(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    HubguardConfig config;

    @Inject
    Event<VerificationMail> mails;

    @Inject
    Event<EmailVerified> verifiedEvents;

    private final Clock clock = Clock.systemUTC();

    /** Stores a new link for the user's current address; it is mailed after the transaction commits. */
    public void send(User user, String baseUrl) {
        String token = SecretTokens.newUrlToken();
        Instant now = clock.instant();
        em.persist(new EmailVerification(user, SecretTokens.sha256(token), now, now.plus(config.emailVerificationValidity())));
        String link = stripTrailingSlash(baseUrl) + "/verify-email?token=" + token;
        mails.fire(new VerificationMail(user.getUsername(), user.getEmail(), link));
    }

    public Outcome verify(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Outcome.INVALID;
        }
        EmailVerification verification = em.createQuery(
                        "select v from EmailVerification v where v.tokenHash = :hash", EmailVerification.class)
                .setParameter("hash", SecretTokens.sha256(token.trim()))
                .getResultStream().findFirst().orElse(null);
        if (verification == null || !verification.getEmail().equals(verification.getUser().getEmail())) {
            return Outcome.INVALID;
        }
        if (verification.getUsedAt() != null) {
            return Outcome.ALREADY_USED;
        }
        Instant now = clock.instant();
        if (!now.isBefore(verification.getExpiresAt())) {
            return Outcome.EXPIRED;
        }
        // Conditional update: of two concurrent clicks on one link, exactly one redeems it.
        int redeemed = em.createQuery("update EmailVerification v set v.usedAt = :now where v.id = :id and v.usedAt is null")
                .setParameter("now", now)
                .setParameter("id", verification.getId())
                .executeUpdate();
        if (redeemed == 0) {
            return Outcome.ALREADY_USED;
        }
        verification.getUser().markEmailVerified();
        verifiedEvents.fire(new EmailVerified(verification.getUser().getUsername()));
        return Outcome.VERIFIED;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
