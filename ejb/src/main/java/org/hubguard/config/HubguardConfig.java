package org.hubguard.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * hubguard's settings, read and checked once at start-up (a bad value stops the deployment with a message
 * naming the variable). Each comes from a system property {@code hubguard.x.y} or the environment variable
 * {@code HUBGUARD_X_Y} (see {@link Settings}); the README lists them.
 */
public record HubguardConfig(
        Path dataDir,
        Path gitDir,
        long gitMaxFileSize,
        Path lfsDir,
        long lfsMaxFileSize,
        boolean gitAllowSymlinks,
        boolean gitAllowSubmodules,
        long diskWarningFreeBytes,
        long diskCriticalFreeBytes,
        long scanRetrySeconds,
        long sweepGraceSeconds,
        String clamdHost,
        int clamdPort,
        Duration clamdTimeout,
        long clamdMaxFileSize,
        Duration emailVerificationValidity,
        int invalidTokensPerMinute,
        Optional<String> baseUrl,
        int httpPort,
        Optional<String> adminPassword,
        String adminEmail,
        boolean secretScanning) {

    /** The settings of this server: system properties, then the environment. */
    public static HubguardConfig fromEnvironment() {
        return load(Settings::get);
    }

    /** Reads every setting from {@code source} (key → value), checking each. */
    public static HubguardConfig load(Function<String, Optional<String>> source) {
        Reader settings = new Reader(source);
        Path dataDir = Path.of(System.getProperty("jboss.server.data.dir", "."), "hubguard");
        int port = Integer.getInteger("jboss.http.port", 8080) + Integer.getInteger("jboss.socket.binding.port-offset", 0);
        return new HubguardConfig(
                dataDir,
                settings.path("hubguard.git.dir", dataDir.resolve("git")),
                settings.positiveLong("hubguard.git.max-file-size", 10L * 1024 * 1024),
                settings.path("hubguard.lfs.dir", dataDir.resolve("lfs")),
                settings.positiveLong("hubguard.lfs.max-file-size", 50L * 1024 * 1024 * 1024),
                settings.bool("hubguard.git.allow-symlinks", false),
                settings.bool("hubguard.git.allow-submodules", false),
                settings.positiveLong("hubguard.disk.warning-free-bytes", 5L * 1024 * 1024 * 1024),
                settings.positiveLong("hubguard.disk.critical-free-bytes", 512L * 1024 * 1024),
                settings.positiveLong("hubguard.scan.retry-seconds", 30),
                settings.positiveLong("hubguard.sweep.grace-seconds", 3600),
                settings.text("hubguard.clamd.host", "127.0.0.1"),
                settings.port("hubguard.clamd.port", 3310),
                Duration.ofSeconds(settings.positiveLong("hubguard.clamd.timeout-seconds", 120)),
                settings.positiveLong("hubguard.clamd.max-file-size", 104_857_600),
                Duration.ofHours(settings.positiveLong("hubguard.email.verification.hours", 24)),
                (int) settings.positiveLong("hubguard.tokens.invalid-per-minute", 20),
                settings.url("hubguard.base.url"),
                port,
                source.apply("hubguard.admin.password"),
                settings.text("hubguard.admin.email", "admin@localhost"),
                settings.bool("hubguard.secret-scanning", true));
    }

    /** Where users reach hubguard: {@code HUBGUARD_BASE_URL}, else this server on localhost. Never ends in '/'. */
    public String publicUrl() {
        return baseUrl.orElse("http://localhost:" + httpPort);
    }

    /** Reads one kind of value each, with a message naming the variable when it is wrong. */
    private record Reader(Function<String, Optional<String>> source) {

        String text(String key, String fallback) {
            return source.apply(key).orElse(fallback);
        }

        Path path(String key, Path fallback) {
            return source.apply(key).map(Path::of).orElse(fallback);
        }

        long positiveLong(String key, long fallback) {
            Optional<String> value = source.apply(key);
            if (value.isEmpty()) {
                return fallback;
            }
            try {
                long parsed = Long.parseLong(value.get());
                if (parsed > 0) {
                    return parsed;
                }
            } catch (NumberFormatException notANumber) {
                // reported below
            }
            throw new ConfigurationException(key, value.get(), "a whole number greater than 0");
        }

        boolean bool(String key, boolean fallback) {
            Optional<String> value = source.apply(key);
            if (value.isEmpty()) {
                return fallback;
            }
            return switch (value.get().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1" -> true;
                case "false", "no", "0" -> false;
                default -> throw new ConfigurationException(key, value.get(), "true or false");
            };
        }

        int port(String key, int fallback) {
            long port = positiveLong(key, fallback);
            if (port > 65535) {
                throw new ConfigurationException(key, String.valueOf(port), "a port number from 1 to 65535");
            }
            return (int) port;
        }

        Optional<String> url(String key) {
            Optional<String> value = source.apply(key);
            if (value.isEmpty()) {
                return value;
            }
            String url = value.get().replaceAll("/+$", "");
            try {
                URI uri = new URI(url);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getQuery() == null) {
                    return Optional.of(url);
                }
            } catch (URISyntaxException malformed) {
                // reported below
            }
            throw new ConfigurationException(key, value.get(), "an http:// or https:// URL such as https://hub.example.com");
        }
    }
}
