package org.hubguard.web.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class InvalidTokenThrottleTest {

    private Instant now = Instant.parse("2026-11-24T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    };
    private final InvalidTokenThrottle throttle = new InvalidTokenThrottle(3, clock);

    @Test
    void anAddressIsStoppedAfterTheLimitUntilTheMinuteIsOver() {
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, throttle.waitFor("10.0.0.1"), "before failure " + (i + 1));
            throttle.recordFailure("10.0.0.1");
        }
        now = now.plusSeconds(20);
        assertEquals(Duration.ofSeconds(40), throttle.waitFor("10.0.0.1"));
        assertEquals(Duration.ZERO, throttle.waitFor("10.0.0.2"), "other addresses are not affected");
        now = now.plusSeconds(40);
        assertEquals(Duration.ZERO, throttle.waitFor("10.0.0.1"), "a new minute, a new chance");
        throttle.recordFailure("10.0.0.1");
        assertTrue(throttle.waitFor("10.0.0.1").isZero());
    }
}
