package org.hubguard.web.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SignInPageTest {

    @Test
    void returnsOnlyToPagesOfThisServer() {
        assertTrue(SignInPage.isLocalPath("/settings/account"));
        assertTrue(SignInPage.isLocalPath("/admin/users?x=1"));
        assertFalse(SignInPage.isLocalPath(null));
        assertFalse(SignInPage.isLocalPath(""));
        assertFalse(SignInPage.isLocalPath("https://evil.example/"));
        assertFalse(SignInPage.isLocalPath("//evil.example/"));
        assertFalse(SignInPage.isLocalPath("/\\evil.example/"));
        assertFalse(SignInPage.isLocalPath("/ok\r\nSet-Cookie: x=y"));
    }

    @Test
    void saysHowLongALockLasts() {
        assertEquals("Incorrect username or password.", SignInPage.failureMessage(Optional.empty()));
        assertEquals("Too many failed sign-ins for this account from your address. Try again in 1 minute.",
                SignInPage.failureMessage(Optional.of(Instant.now().plusSeconds(40))));
        assertEquals("Too many failed sign-ins for this account from your address. Try again in 15 minutes.",
                SignInPage.failureMessage(Optional.of(Instant.now().plusSeconds(15 * 60 - 1))));
    }
}
