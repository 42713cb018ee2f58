package org.hubguard.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NameRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"ab", "alice", "Alice_Smith", "team.ml", "a-b-c", "x1", "42", "abcdefghijabcdefghijabcdefghijabcdefghij12"})
    void acceptsNamesLikeTheHubs(String name) {
        assertEquals(Optional.empty(), NameRules.problemWith(name));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|Choose a username.",
            "a|2 to 42 characters",
            "abcdefghijabcdefghijabcdefghijabcdefghij123|2 to 42 characters",
            "al ice|only letters, digits",
            "alice!|only letters, digits",
            "ali/ce|only letters, digits",
            "élise|only letters, digits",
            "-alice|start and end with a letter or a digit",
            "alice.|start and end with a letter or a digit",
            "_alice|start and end with a letter or a digit",
            "al--ice|cannot contain '--' or '..'",
            "al..ice|cannot contain '--' or '..'",
            "api|reserved",
            "Settings|reserved",
            "datasets|reserved",
            "login|reserved",
            "jakarta.faces.resource|reserved",
            "admin|reserved",
            "Root|reserved"})
    void refusesWithAReason(String name, String reason) {
        Optional<String> problem = NameRules.problemWith(name);
        assertTrue(problem.isPresent() && problem.get().contains(reason), name + " -> " + problem);
    }

    @Test
    void namesThatOnlyLookOfficialAreStillNamespacesInUrls() {
        assertTrue(NameRules.isSiteSegment("API"));
        assertTrue(NameRules.isSiteSegment("-"));
        assertFalse(NameRules.isSiteSegment("admin"), "the first administrator's namespace is a namespace in URLs");
        assertFalse(NameRules.isSiteSegment("root"));
    }
}
