package org.hubguard.config;

import java.util.Optional;

/**
 * hubguard's settings: a system property {@code hubguard.x.y} wins over the environment variable
 * {@code HUBGUARD_X_Y}, the same order the server configuration's expressions use.
 */
public final class Settings {

    private Settings() {
    }

    public static Optional<String> get(String key) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            value = System.getenv(environmentName(key));
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public static String get(String key, String defaultValue) {
        return get(key).orElse(defaultValue);
    }

    static String environmentName(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
