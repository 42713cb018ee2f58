package org.hubguard.tokens;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.hubguard.config.HubguardConfig;

/** Mails the owner of a revoked leaked token, through the same mail session as the verification links. */
@ApplicationScoped
public class LeakedTokenMailer {

    private static final Logger LOG = Logger.getLogger(LeakedTokenMailer.class.getName());

    @Resource(lookup = "java:jboss/mail/hubguard")
    Session mailSession;

    @Resource
    ManagedExecutorService executor;

    @Inject
    HubguardConfig config;

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) LeakedTokenMail mail) {
        executor.execute(() -> send(mail));
    }

    private void send(LeakedTokenMail mail) {
        try {
            MimeMessage message = new MimeMessage(mailSession);
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.email()));
            message.setSubject("hubguard revoked your access token '" + mail.tokenName() + "'", "UTF-8");
            message.setText("""
                    Hello %s,

                    your access token '%s' was found where it does not belong and no longer works:
                    %s

                    Make a new token on %s/settings/tokens and update what used the old one.
                    """.formatted(mail.username(), mail.tokenName(), mail.reason(), config.publicUrl()), "UTF-8");
            Transport.send(message);
        } catch (MessagingException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not mail " + mail.username() + " about a revoked token: " + e);
        }
    }
}
