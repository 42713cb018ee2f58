package org.hubguard.accounts;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Slows password guessing per account and client address: after {@link SignInThrottle#freeFailures()} wrong
 * passwords from one address, that address waits before it may try that account again, longer with every
 * further failure. Other addresses are not held up, so nobody can lock an account's owner out by guessing
 * from elsewhere. In memory: a restart forgets the counts (an attacker gains a few guesses, no more).
 */
@ApplicationScoped
public class SignInGuard {

    private static final int MAX_TRACKED = 100_000;

    private final SignInThrottle throttle;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public SignInGuard() {
        this(SignInThrottle.DEFAULT, Clock.systemUTC());
    }

    SignInGuard(SignInThrottle throttle, Clock clock) {
        this.throttle = throttle;
        this.clock = clock;
    }

    /** Until when this address must wait before trying the account again, if it must. */
    public Optional<Instant> waitUntil(long userId, String address) {
        Failures recorded = failures.get(key(userId, address));
        return recorded == null || recorded.until() == null || !clock.instant().isBefore(recorded.until())
                ? Optional.empty() : Optional.of(recorded.until());
    }

    /** Counts a wrong password; returns the wait that starts now, if one does. */
    public Optional<Instant> recordFailure(long userId, String address) {
        Instant now = clock.instant();
        Failures updated = failures.compute(key(userId, address), (key, old) -> {
            int count = old == null ? 1 : old.count() + 1;
            return new Failures(count, throttle.lockUntil(count, now).orElse(null));
        });
        if (failures.size() > MAX_TRACKED) {
            failures.values().removeIf(f -> f.until() != null && !now.isBefore(f.until())); // forget waits that are over
        }
        return Optional.ofNullable(updated.until());
    }

    public void recordSuccess(long userId, String address) {
        failures.remove(key(userId, address));
    }

    private static String key(long userId, String address) {
        return userId + "|" + address;
    }

    private record Failures(int count, Instant until) {
    }
}
