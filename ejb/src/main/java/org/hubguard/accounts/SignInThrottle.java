package org.hubguard.accounts;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Locks an account for a while after repeated failed sign-ins: after {@code freeFailures} consecutive
 * failures the lock lasts {@code firstLock}, and doubles with every further failure up to {@code maxLock}.
 */
public record SignInThrottle(int freeFailures, Duration firstLock, Duration maxLock) {

    public static final SignInThrottle DEFAULT = new SignInThrottle(5, Duration.ofMinutes(1), Duration.ofMinutes(15));

    /** The end of the lock after the {@code consecutiveFailures}-th failure at {@code now}, if any. */
    public Optional<Instant> lockUntil(int consecutiveFailures, Instant now) {
        if (consecutiveFailures < freeFailures) {
            return Optional.empty();
        }
        int doublings = Math.min(consecutiveFailures - freeFailures, 20);
        Duration lock = firstLock.multipliedBy(1L << doublings);
        return Optional.of(now.plus(lock.compareTo(maxLock) > 0 ? maxLock : lock));
    }
}
