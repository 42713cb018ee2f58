package org.hubguard.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class PasswordRulesTest {

    @Test
    void acceptsALongUncommonPassword() {
        assertEquals(Optional.empty(), PasswordRules.problemWith("correct-horse-battery-staple", "alice"));
    }

    @Test
    void refusesEmptyShortCommonRepetitiveAndUsernamePasswords() {
        assertProblem(null, "alice", "Choose a password");
        assertProblem("", "alice", "Choose a password");
        assertProblem("abc1234", "alice", "at least 8");
        assertProblem("x".repeat(257), "alice", "at most 256");
        assertProblem("Password123", "alice", "too easy to guess");
        assertProblem("aaaaaaaaaaaa", "alice", "too easy to guess");
        assertProblem("abababababab", "alice", "too easy to guess");
        assertProblem("my-ALICE-pass", "alice", "must not contain the username");
    }

    private static void assertProblem(String password, String username, String expected) {
        Optional<String> problem = PasswordRules.problemWith(password, username);
        assertTrue(problem.isPresent() && problem.get().contains(expected), password + " -> " + problem);
    }
}
