package org.hubguard.tokens;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.hubguard.config.HubguardConfig;
import org.hubguard.mail.MailSender;

/** Mails the owner of a revoked leaked token, once the revocation is committed. */
@ApplicationScoped
public class LeakedTokenMailer {

    @Inject
    MailSender mails;

    @Inject
    HubguardConfig config;

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) LeakedTokenMail mail) {
        mails.sendLater(mail.email(), "hubguard revoked your access token '" + mail.tokenName() + "'", """
                Hello %s,

                your access token '%s' was found where it does not belong and no longer works:
                %s

                Make a new token on %s/settings/tokens and update what used the old one.
                """.formatted(mail.username(), mail.tokenName(), mail.reason(), config.publicUrl()),
                "the notice of a revoked token to user " + mail.username());
    }
}
