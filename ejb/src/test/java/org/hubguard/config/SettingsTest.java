package org.hubguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void environmentNamesFollowTheSystemPropertyNames() {
        assertEquals("HUBGUARD_DB_URL", Settings.environmentName("hubguard.db.url"));
        assertEquals("HUBGUARD_BASE_URL", Settings.environmentName("hubguard.base-url"));
    }

    @Test
    void aSystemPropertyWinsAndBlankMeansUnset() {
        System.setProperty("hubguard.test.setting", "from-property");
        try {
            assertEquals(Optional.of("from-property"), Settings.get("hubguard.test.setting"));
            System.setProperty("hubguard.test.setting", "  ");
            assertEquals("fallback", Settings.get("hubguard.test.setting", "fallback"));
        } finally {
            System.clearProperty("hubguard.test.setting");
        }
    }
}
