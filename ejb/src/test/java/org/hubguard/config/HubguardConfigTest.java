package org.hubguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Settings are read and checked once; a bad value names its variable. Emailed links never come from a request. */
class HubguardConfigTest {

    private static HubguardConfig load(Map<String, String> values) {
        return HubguardConfig.load(key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        HubguardConfig config = load(Map.of());
        assertEquals(10L * 1024 * 1024, config.gitMaxFileSize());
        assertEquals(3310, config.clamdPort());
        assertEquals(120, config.clamdTimeout().toSeconds());
        assertEquals(20, config.invalidTokensPerMinute());
        assertEquals("admin@localhost", config.adminEmail());
    }

    @Test
    void emailLinksUseTheConfiguredAddressOrThisServerWithItsPortOffset() {
        System.setProperty("jboss.socket.binding.port-offset", "100");
        try {
            assertEquals("http://localhost:8180", load(Map.of()).publicUrl());
            assertEquals("https://hub.example.com", load(Map.of("hubguard.base.url", "https://hub.example.com/")).publicUrl());
        } finally {
            System.clearProperty("jboss.socket.binding.port-offset");
        }
    }

    @Test
    void aBadValueStopsTheStartWithTheVariableItsValueAndWhatItShouldBe() {
        assertEquals("HUBGUARD_GIT_MAX_FILE_SIZE (or -Dhubguard.git.max-file-size) must be a whole number greater than 0; it is '10MB'.",
                assertThrows(ConfigurationException.class, () -> load(Map.of("hubguard.git.max-file-size", "10MB"))).getMessage());
        assertThrows(ConfigurationException.class, () -> load(Map.of("hubguard.clamd.port", "0")));
        assertThrows(ConfigurationException.class, () -> load(Map.of("hubguard.clamd.port", "70000")));
        assertThrows(ConfigurationException.class, () -> load(Map.of("hubguard.tokens.invalid-per-minute", "-1")));
        assertEquals("HUBGUARD_BASE_URL (or -Dhubguard.base.url) must be an http:// or https:// URL such as https://hub.example.com; it is 'hub.example.com'.",
                assertThrows(ConfigurationException.class, () -> load(Map.of("hubguard.base.url", "hub.example.com"))).getMessage());
    }
}
