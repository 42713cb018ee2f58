package org.hubguard.it.accounts;

import static org.hubguard.it.support.Users.PASSWORD;
import static org.hubguard.it.support.Users.emailOf;
import static org.hubguard.it.support.Users.emailVerified;
import static org.hubguard.it.support.Users.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hubguard.it.support.Browser;
import org.hubguard.it.support.FromAddress;
import org.hubguard.it.support.TestServer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sign-in, sign-out, protected pages, locking after failures, and what only administrators may do. */
@ExtendWith(ArquillianExtension.class)
class SignInIT extends TestServer {

    @RegisterExtension
    static final Browser BROWSER = new Browser();

    @Test
    void aWrongPasswordIsRefusedWithoutSayingWhichPartWasWrong() {
        String name = uniqueName("erin");
        BROWSER.signUp(name, emailOf(name), PASSWORD);

        BROWSER.signIn(name, "wrong-password-1");
        assertEquals("/login", BROWSER.path());
        assertEquals("Incorrect username or password.", BROWSER.messages());

        BROWSER.signIn(uniqueName("nobody"), PASSWORD);
        assertEquals("Incorrect username or password.", BROWSER.messages());

        BROWSER.signIn("", "");
        assertTrue(BROWSER.messages().contains("Enter your username"), BROWSER.messages());
    }

    @Test
    void signInByEmailThenSignOut() {
        String name = uniqueName("frank");
        BROWSER.signUp(name, emailOf(name), PASSWORD);

        BROWSER.signIn(emailOf(name).toUpperCase(), PASSWORD);
        assertEquals("/", BROWSER.path());
        assertEquals(name, BROWSER.text("nav-user"));

        BROWSER.signOut();
        assertTrue(BROWSER.has("nav-login"));
        BROWSER.open("/settings/account");
        assertEquals("/login", BROWSER.path(), "a signed-out visitor is sent to sign in");
    }

    @Test
    void aProtectedPageSendsToSignInAndBack() {
        BROWSER.open("/settings/account");
        assertEquals("/login", BROWSER.path());
        String name = uniqueName("gina");
        BROWSER.signUp(name, emailOf(name), PASSWORD);
        BROWSER.open("/settings/account");
        BROWSER.type("login:login", name);
        BROWSER.type("login:password", PASSWORD);
        BROWSER.submit("login:submit");
        assertEquals("/settings/account", BROWSER.path());
        assertEquals(name, BROWSER.text("account-username"));
        BROWSER.signOut();
    }

    @Test
    void repeatedFailuresFromOneAddressStopThatAddressNotTheOwnerElsewhere() throws Exception {
        String name = uniqueName("hank");
        BROWSER.signUp(name, emailOf(name), PASSWORD);
        for (int attempt = 1; attempt <= 4; attempt++) {
            BROWSER.signIn(name, "wrong-password-" + attempt);
            assertEquals("Incorrect username or password.", BROWSER.messages(), "attempt " + attempt);
        }
        BROWSER.signIn(name, "wrong-password-5");
        assertTrue(BROWSER.messages().startsWith("Too many failed sign-ins for this account from your address. Try again in 1 minute"),
                BROWSER.messages());

        BROWSER.signIn(name, PASSWORD);
        assertEquals("/login", BROWSER.path());
        assertTrue(BROWSER.messages().startsWith("Too many failed sign-ins"), BROWSER.messages());
        assertFalse(BROWSER.has("nav-user"));

        assertTrue(new FromAddress("127.0.0.2").signIn(name, PASSWORD), "the owner still signs in from another address");
        FromAddress other = new FromAddress("127.0.0.3");
        assertFalse(other.signIn(name, "wrong"), "a wrong password is a wrong password anywhere");
    }

    @Test
    void onlyAnAdministratorSeesUsersAndMarksAnEmailVerified() throws Exception {
        String name = uniqueName("ivy");
        BROWSER.signUp(name, emailOf(name), PASSWORD);

        BROWSER.signIn(name, PASSWORD);
        assertFalse(BROWSER.has("nav-admin"));
        BROWSER.open("/-/admin/users");
        assertEquals("Your account may not open this page.", BROWSER.text("error-message"));
        BROWSER.signOut();

        BROWSER.signIn("admin", ADMIN_PASSWORD);
        assertTrue(BROWSER.has("nav-admin"));
        BROWSER.open("/-/admin/users");
        assertTrue(BROWSER.driver().getPageSource().contains(emailOf(name)));
        assertFalse(emailVerified(name));
        int row = rowOf(name);
        BROWSER.submit("users:table:" + row + ":verify");
        assertTrue(BROWSER.messages().contains("The email address of " + name + " is now marked verified."), BROWSER.messages());
        assertTrue(emailVerified(name));
        BROWSER.signOut();

        BROWSER.signIn(name, PASSWORD);
        BROWSER.open("/settings/account");
        assertEquals("verified", BROWSER.text("email-status"));
        BROWSER.signOut();
    }

    private static int rowOf(String username) {
        var names = BROWSER.driver().findElements(org.openqa.selenium.By.cssSelector("#users\\:table .username"));
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).getText().equals(username)) {
                return i;
            }
        }
        throw new AssertionError(username + " is not listed on /-/admin/users");
    }
}
