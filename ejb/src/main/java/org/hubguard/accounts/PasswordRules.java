package org.hubguard.accounts;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What makes a password acceptable: long enough, not a well-known one, not the username. */
public final class PasswordRules {

    public static final int MIN_LENGTH = 8;
    /** A cap keeps one sign-in from costing the server an unbounded amount of hashing. */
    public static final int MAX_LENGTH = 256;

    private static final Set<String> COMMON = Set.of(
            "password", "password1", "password123", "passw0rd", "12345678", "123456789", "1234567890",
            "qwertyui", "qwerty123", "qwertyuiop", "11111111", "00000000", "abcdefgh", "abcd1234",
            "iloveyou", "sunshine", "princess", "football", "baseball", "welcome1", "letmein1",
            "admin123", "administrator", "changeme", "trustno1", "huggingface", "hubguard");

    private PasswordRules() {
    }

    /** Why {@code password} is not acceptable for the account {@code username}, or empty when it is. */
    public static Optional<String> problemWith(String password, String username) {
        if (password == null || password.isEmpty()) {
            return Optional.of("Choose a password.");
        }
        if (password.length() < MIN_LENGTH) {
            return Optional.of("The password must be at least " + MIN_LENGTH + " characters long.");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("The password must be at most " + MAX_LENGTH + " characters long.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower) || password.chars().distinct().count() < 3) {
            return Optional.of("This password is too easy to guess; choose a less common one.");
        }
        if (username != null && username.length() >= 3 && lower.contains(username.toLowerCase(Locale.ROOT))) {
            return Optional.of("The password must not contain the username.");
        }
        return Optional.empty();
    }
}
