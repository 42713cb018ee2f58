package org.hubguard.web.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.hubguard.config.HubguardConfig;

/**
 * Slows down guessing: once an address has sent {@code limit} refused tokens within a minute, it gets 429
 * for every token until the minute is over, so a guess can no longer be told from a hit.
 */
@ApplicationScoped
public class InvalidTokenThrottle {

    static final Duration WINDOW = Duration.ofMinutes(1);

    private int limit;
    private Clock clock = Clock.systemUTC();
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    protected InvalidTokenThrottle() {
    }

    InvalidTokenThrottle(int limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    @Inject
    void configure(HubguardConfig config) {
        limit = config.invalidTokensPerMinute();
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
