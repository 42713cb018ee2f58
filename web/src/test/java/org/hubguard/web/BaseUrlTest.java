package org.hubguard.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Emailed links never come from the request (a forged Host header would send the token elsewhere). */
class BaseUrlTest {

    @Test
    void emailLinksUseTheConfiguredAddressOrLocalhost() {
        System.clearProperty("hubguard.base.url");
        System.setProperty("jboss.socket.binding.port-offset", "100");
        try {
            assertEquals("http://localhost:8180", BaseUrl.forEmail());
            System.setProperty("hubguard.base.url", "https://hub.example.com");
            assertEquals("https://hub.example.com", BaseUrl.forEmail());
        } finally {
            System.clearProperty("hubguard.base.url");
            System.clearProperty("jboss.socket.binding.port-offset");
        }
    }
}
