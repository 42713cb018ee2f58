package org.hubguard.web.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.hubguard.config.Settings;

/**
 * Slows down guessing: once an address has sent {@code limit} refused tokens within a minute, it gets 429
 * for every token until the minute is over, so a guess can no longer be told from a hit.
 */
@ApplicationScoped
public class InvalidTokenThrottle {

    static final Duration WINDOW = Duration.ofMinutes(1);

    private final int limit;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public InvalidTokenThrottle() {
        this(Integer.parseInt(Settings.get("hubguard.tokens.invalid-per-minute", "20")), Clock.systemUTC());
    }

    InvalidTokenThrottle(int limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    /** How long the address must wait before a token is checked again; zero when it need not. */
    public Duration waitFor(String address) {
        Window window = windows.get(address);
        Instant now = clock.instant();
        if (window == null || window.isOver(now)) {
            return Duration.ZERO;
        }
        return window.failures() >= limit ? Duration.between(now, window.start().plus(WINDOW)) : Duration.ZERO;
    }

    public void recordFailure(String address) {
        Instant now = clock.instant();
        windows.compute(address, (key, window) -> window == null || window.isOver(now)
                ? new Window(now, 1)
                : new Window(window.start(), window.failures() + 1));
        if (windows.size() > 10_000) { // forget finished windows rather than grow without bound
            windows.values().removeIf(w -> w.isOver(now));
        }
    }

    private record Window(Instant start, int failures) {
        boolean isOver(Instant now) {
            return !now.isBefore(start.plus(WINDOW));
        }
    }
}
