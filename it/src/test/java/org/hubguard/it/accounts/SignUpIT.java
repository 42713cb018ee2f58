package org.hubguard.it.accounts;

import static org.hubguard.it.support.Users.PASSWORD;
import static org.hubguard.it.support.Users.countByEmail;
import static org.hubguard.it.support.Users.countByUsername;
import static org.hubguard.it.support.Users.emailOf;
import static org.hubguard.it.support.Users.emailVerified;
import static org.hubguard.it.support.Users.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import org.hubguard.it.support.Browser;
import org.hubguard.it.support.Mailbox;
import org.hubguard.it.support.TestServer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sign-up and email verification through the real pages, a real SMTP server and the real database. */
@ExtendWith(ArquillianExtension.class)
class SignUpIT extends TestServer {

    @RegisterExtension
    static final GreenMailExtension SMTP = Mailbox.smtpServer();

    @RegisterExtension
    static final Browser BROWSER = new Browser();

    @Test
    void signUpVerifyEmailAndSignIn() throws Exception {
        String name = uniqueName("alice");
        BROWSER.signUp(name, emailOf(name), PASSWORD);

        assertEquals("/login", BROWSER.path());
        assertTrue(BROWSER.messages().contains("We sent a link to " + emailOf(name)), BROWSER.messages());
        assertFalse(emailVerified(name));

        String link = Mailbox.verificationLink(SMTP, emailOf(name));
        BROWSER.open(link);
        assertEquals("Your email address is verified. Thank you!", BROWSER.text("verification-result"));
        assertTrue(emailVerified(name));

        BROWSER.signIn(name, PASSWORD);
        assertEquals("/", BROWSER.path());
        assertTrue(BROWSER.text("welcome").contains(name));
        BROWSER.open("/settings/account");
        assertEquals(name, BROWSER.text("account-username"));
        assertEquals("verified", BROWSER.text("email-status"));

        // The link works once.
        BROWSER.open(link);
        assertTrue(BROWSER.text("verification-result").contains("already been used"), BROWSER.text("verification-result"));
        BROWSER.signOut();
    }

    @Test
    void anExpiredLinkIsRefusedAndANewOneCanBeSent() throws Exception {
        String name = uniqueName("bob");
        BROWSER.signUp(name, emailOf(name), PASSWORD);
        String link = Mailbox.verificationLink(SMTP, emailOf(name));
        try (Connection db = database();
             PreparedStatement expire = db.prepareStatement("update email_verifications set expires_at = expires_at - interval '2 days' "
                     + "where user_id = (select u.id from users u where u.email = ?)")) {
            expire.setString(1, emailOf(name));
            assertEquals(1, expire.executeUpdate());
        }

        BROWSER.open(link);
        assertTrue(BROWSER.text("verification-result").contains("has expired"), BROWSER.text("verification-result"));
        assertFalse(emailVerified(name));

        BROWSER.signIn(name, PASSWORD);
        BROWSER.open("/settings/account");
        assertEquals("not verified", BROWSER.text("email-status"));
        SMTP.purgeEmailFromAllMailboxes();
        BROWSER.submit("resend:submit");
        assertTrue(BROWSER.messages().contains("We sent a new verification link"), BROWSER.messages());
        BROWSER.open(Mailbox.verificationLink(SMTP, emailOf(name)));
        assertEquals("Your email address is verified. Thank you!", BROWSER.text("verification-result"));
        assertTrue(emailVerified(name));
        BROWSER.signOut();
    }

    @Test
    void aMadeUpLinkIsRefused() {
        BROWSER.open("/verify-email?token=not-a-real-token");
        assertTrue(BROWSER.text("verification-result").contains("not valid"));
    }

    @Test
    void badInputIsExplainedAndNothingIsStored() throws Exception {
        String taken = uniqueName("carol");
        BROWSER.signUp(taken, emailOf(taken), PASSWORD);
        assertEquals("/login", BROWSER.path());

        String fresh = uniqueName("dave");
        assertRefused(taken.toUpperCase(), emailOf(fresh), PASSWORD, "join:usernameError", "is already taken");
        assertEquals(0, countByEmail(emailOf(fresh)));

        assertRefused(fresh, emailOf(taken).toUpperCase(), PASSWORD, "join:emailError", "already exists");
        assertEquals(0, countByUsername(fresh));

        assertRefused("-" + fresh, emailOf(fresh), PASSWORD, "join:usernameError", "start and end with a letter or a digit");
        assertRefused("x", emailOf(fresh), PASSWORD, "join:usernameError", "2 to 42 characters");
        assertRefused(fresh + "!", emailOf(fresh), PASSWORD, "join:usernameError", "only letters, digits");
        assertRefused("settings", emailOf(fresh), PASSWORD, "join:usernameError", "reserved");
        assertRefused("API", emailOf(fresh), PASSWORD, "join:usernameError", "reserved");
        assertRefused(fresh, "not-an-address", PASSWORD, "join:emailError", "valid email address");
        assertRefused(fresh, emailOf(fresh), "", "join:passwordError", "Choose a password");
        assertRefused(fresh, emailOf(fresh), "short1", "join:passwordError", "at least 8 characters");
        assertRefused(fresh, emailOf(fresh), "password123", "join:passwordError", "too easy to guess");
        assertRefused(fresh, emailOf(fresh), "xx" + fresh + "yy", "join:passwordError", "must not contain the username");

        assertEquals(0, countByUsername(fresh));
        assertEquals(0, countByUsername("settings"));
        assertEquals(0, countByEmail(emailOf(fresh)));
    }

    private static void assertRefused(String username, String email, String password, String errorId, String expected) {
        BROWSER.signUp(username, email, password);
        assertEquals("/join", BROWSER.path(), "the sign-up page stays, with the message");
        assertTrue(BROWSER.text(errorId).contains(expected),
                "for " + username + " / " + email + ": expected '" + expected + "' but the page says '" + BROWSER.text(errorId) + "'");
    }
}
