package org.hubguard.accounts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.hubguard.config.HubguardConfig;
import org.hubguard.mail.MailSender;

/**
 * Mails verification links, only once the link is committed (the sending itself runs off the request thread).
 * Never log the link: it is a secret. The user can ask for a new one; an admin can verify by hand.
 */
@ApplicationScoped
public class VerificationMailer {

    @Inject
    MailSender mails;

    @Inject
    HubguardConfig config;

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) VerificationMail mail) {
        mails.sendLater(mail.email(), "Verify your email address for hubguard", """
                Hello %s,

                please confirm that %s is your email address by opening this link:

                %s

                The link works once and expires in %d hours. If you did not create a hubguard
                account, you can ignore this message.
                """.formatted(mail.username(), mail.email(), mail.link(), config.emailVerificationValidity().toHours()),
                "the email verification link for user " + mail.username());
    }
}
