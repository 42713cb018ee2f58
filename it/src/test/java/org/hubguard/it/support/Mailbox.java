package org.hubguard.it.support;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** A real SMTP server (GreenMail) on the port the test server sends mail to. */
public final class Mailbox {

    private static final Pattern VERIFICATION_LINK = Pattern.compile("https?://\\S+/verify-email\\?token=[A-Za-z0-9_-]+");

    private Mailbox() {
    }

    public static GreenMailExtension smtpServer() {
        return new GreenMailExtension(new ServerSetup(TestServer.SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withPerMethodLifecycle(false);
    }

    /** Waits for the verification mail to {@code address} and returns the link in it. */
    public static String verificationLink(GreenMailExtension smtp, String address) throws MessagingException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            List<MimeMessage> toAddress = Arrays.stream(smtp.getReceivedMessages())
                    .filter(m -> sentTo(m, address))
                    .toList();
            if (!toAddress.isEmpty()) {
                String body = GreenMailUtil.getBody(toAddress.get(toAddress.size() - 1)).replace("=\r\n", "");
                Matcher link = VERIFICATION_LINK.matcher(body);
                if (!link.find()) {
                    throw new AssertionError("The verification mail has no link:\n" + body);
                }
                return link.group();
            }
            smtp.waitForIncomingEmail(1_000, 1);
        }
        throw new AssertionError("No verification mail reached " + address + " within 30 s");
    }

    /** Waits for a mail to {@code address} whose subject contains {@code subject}; returns its body. */
    public static String mailTo(GreenMailExtension smtp, String address, String subject) throws MessagingException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            for (MimeMessage message : smtp.getReceivedMessages()) {
                if (sentTo(message, address) && message.getSubject() != null && message.getSubject().contains(subject)) {
                    return GreenMailUtil.getBody(message).replace("=\r\n", "");
                }
            }
            smtp.waitForIncomingEmail(1_000, 1);
        }
        throw new AssertionError("No mail about '" + subject + "' reached " + address + " within 30 s");
    }

    private static boolean sentTo(MimeMessage message, String address) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                    .anyMatch(a -> a.toString().equalsIgnoreCase(address));
        } catch (MessagingException e) {
            return false;
        }
    }
}
