package org.hubguard.mail;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Sends plain-text mail through the server's mail session ({@code java:jboss/mail/hubguard}), off the caller's
 * thread so a slow SMTP server never holds a request. A failure is logged by what the mail was about, never with
 * its text (which may carry a secret link).
 */
@ApplicationScoped
public class MailSender {

    private static final Logger LOG = Logger.getLogger(MailSender.class.getName());

    @Resource(lookup = "java:jboss/mail/hubguard")
    Session mailSession;

    @Resource
    ManagedExecutorService executor;

    /** Queues the mail; {@code about} names it in the log ("the email verification link for user alice"). */
    public void sendLater(String to, String subject, String text, String about) {
        executor.execute(() -> {
            try {
                MimeMessage message = new MimeMessage(mailSession);
                message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
                message.setSubject(subject, "UTF-8");
                message.setText(text, "UTF-8");
                Transport.send(message);
                LOG.info(() -> "Sent " + about);
            } catch (MessagingException | RuntimeException e) {
                LOG.log(Level.WARNING, "Could not send " + about
                        + " (is the SMTP server at HUBGUARD_SMTP_HOST/HUBGUARD_SMTP_PORT reachable?): " + e);
            }
        });
    }
}
