package org.hubguard.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private final SignInThrottle throttle = SignInThrottle.DEFAULT;

    @Test
    void theFirstFourFailuresDoNotLock() {
        for (int failures = 0; failures <= 4; failures++) {
            assertEquals(Optional.empty(), throttle.lockUntil(failures, NOW), "after " + failures);
        }
    }

    @Test
    void theLockStartsAtOneMinuteAndDoublesUpToFifteen() {
        assertEquals(Optional.of(NOW.plus(Duration.ofMinutes(1))), throttle.lockUntil(5, NOW));
        assertEquals(Optional.of(NOW.plus(Duration.ofMinutes(2))), throttle.lockUntil(6, NOW));
        assertEquals(Optional.of(NOW.plus(Duration.ofMinutes(8))), throttle.lockUntil(8, NOW));
        assertEquals(Optional.of(NOW.plus(Duration.ofMinutes(15))), throttle.lockUntil(9, NOW));
        assertEquals(Optional.of(NOW.plus(Duration.ofMinutes(15))), throttle.lockUntil(1_000, NOW));
    }
}
