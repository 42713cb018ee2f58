package org.hubguard.accounts;

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

/**
 * Mails verification links through the server's mail session ({@code java:jboss/mail/hubguard}), only
 * once the link is committed, and off the request thread so a slow SMTP server never holds a page.
 */
@ApplicationScoped
public class VerificationMailer {

    private static final Logger LOG = Logger.getLogger(VerificationMailer.class.getName());

    @Resource(lookup = "java:jboss/mail/hubguard")
    Session mailSession;

    @Resource
    ManagedExecutorService executor;

    @Inject
    HubguardConfig config;

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) VerificationMail mail) {
        executor.execute(() -> send(mail));
    }

    private void send(VerificationMail mail) {
        try {
            MimeMessage message = new MimeMessage(mailSession);
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.email()));
            message.setSubject("Verify your email address for hubguard", "UTF-8");
            message.setText("""
                    Hello %s,

                    please confirm that %s is your email address by opening this link:

                    %s

                    The link works once and expires in %d hours. If you did not create a hubguard
                    account, you can ignore this message.
                    """.formatted(mail.username(), mail.email(), mail.link(), config.emailVerificationValidity().toHours()),
                    "UTF-8");
            Transport.send(message);
            LOG.info(() -> "Sent the email verification link for user " + mail.username());
        } catch (MessagingException | RuntimeException e) {
            // Never log the link: it is a secret. The user can ask for a new one; an admin can verify by hand.
            LOG.log(Level.WARNING, "Could not send the email verification link for user " + mail.username()
                    + " (is the SMTP server at HUBGUARD_SMTP_HOST/HUBGUARD_SMTP_PORT reachable?): " + e);
        }
    }
}
