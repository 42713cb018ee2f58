package org.hubguard.web.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class TokenHeaderTest {

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsBearerAndBasicWithAnyUsername() {
        assertEquals(Optional.of("hf_abc"), HubguardAuthenticationMechanism.tokenFrom("Bearer hf_abc"));
        assertEquals(Optional.of("hf_abc"), HubguardAuthenticationMechanism.tokenFrom("bearer  hf_abc "));
        assertEquals(Optional.of("hf_abc"), HubguardAuthenticationMechanism.tokenFrom(basic("alice:hf_abc")));
        assertEquals(Optional.of("hf_abc"), HubguardAuthenticationMechanism.tokenFrom(basic(":hf_abc")));
        assertEquals(Optional.of("hf:abc"), HubguardAuthenticationMechanism.tokenFrom(basic("x:hf:abc")));
    }

    @Test
    void refusesOtherSchemesAndBrokenValues() {
        assertEquals(Optional.empty(), HubguardAuthenticationMechanism.tokenFrom("Bearer"));
        assertEquals(Optional.empty(), HubguardAuthenticationMechanism.tokenFrom("Bearer "));
        assertEquals(Optional.empty(), HubguardAuthenticationMechanism.tokenFrom("Digest abc"));
        assertEquals(Optional.empty(), HubguardAuthenticationMechanism.tokenFrom("Basic %%%"));
        assertEquals(Optional.empty(), HubguardAuthenticationMechanism.tokenFrom(basic("no-colon")));
    }
}
