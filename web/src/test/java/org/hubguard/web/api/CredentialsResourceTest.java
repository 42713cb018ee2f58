package org.hubguard.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.hubguard.tokens.TokenFormat;
import org.junit.jupiter.api.Test;

/** The report's cap counts only well-formed tokens: junk first does not hide the real ones after it. */
class CredentialsResourceTest {

    @Test
    void junkDoesNotCountTowardsTheCap() {
        StringBuilder body = new StringBuilder("{\"tokens\":[");
        for (int i = 0; i < 500; i++) {
            body.append("\"hf_").append(String.format("%034d", i)).append("\",");
        }
        List<String> real = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            real.add(TokenFormat.generate());
            body.append('"').append(real.get(i)).append("\",\"").append(real.get(i)).append("\",");
        }
        Set<String> found = CredentialsResource.wellFormedTokens(body.append("]}").toString());
        assertEquals(Set.copyOf(real), found);
    }

    @Test
    void atMost100DistinctTokens() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            body.append(TokenFormat.generate()).append(' ');
        }
        Set<String> found = CredentialsResource.wellFormedTokens(body.toString());
        assertEquals(CredentialsResource.MAX_TOKENS, found.size());
        assertTrue(found.stream().allMatch(TokenFormat::isWellFormed));
    }
}
