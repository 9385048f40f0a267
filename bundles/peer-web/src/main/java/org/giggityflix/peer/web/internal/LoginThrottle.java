package org.giggityflix.peer.web.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code LoginThrottle} is responsible for slowing password guessing for one kind of key (an address, or an
 * account): after N failed sign-ins the key waits, and each further failure doubles the wait (capped at an hour). A
 * success clears it. Attempts are counted atomically <em>before</em> the password is checked: a key may have at
 * most as many attempts in flight as it has failures left, so parallel guesses cannot slip past the count.
 */
final class LoginThrottle {

    private static final Duration MAX_LOCKOUT = Duration.ofHours(1);
    private static final int MAX_TRACKED = 10_000;

    private final Clock clock;
    private final Map<String, State> byKey = new ConcurrentHashMap<>();
    private volatile int failuresBeforeLockout;
    private volatile Duration firstLockout;

    /** Failures so far, attempts being checked now, and until when the key waits. */
    private record State(int failures, int inFlight, Instant lockedUntil) {
    }

    /** The answer to "may this key try now?": empty when it may (one attempt reserved), else how long to wait. */
    record Refusal(Duration retryAfter) {
    }

    LoginThrottle(Clock clock, int failuresBeforeLockout, Duration firstLockout) {
        this.clock = clock;
        configure(failuresBeforeLockout, firstLockout);
    }

    void configure(int failuresBeforeLockout, Duration firstLockout) {
        this.failuresBeforeLockout = Math.max(1, failuresBeforeLockout);
        this.firstLockout = firstLockout;
    }

    /**
     * Reserves one attempt for {@code key}, or says how long it must wait. Every reservation must be followed by
     * {@link #failed}, {@link #succeeded} or {@link #released}.
     */
    Optional<Refusal> reserve(String key) {
        Instant now = clock.instant();
        if (byKey.size() > MAX_TRACKED) {
            byKey.values().removeIf(s -> s.inFlight() == 0 && (s.lockedUntil() == null || s.lockedUntil().isBefore(now)));
        }
        Refusal[] refused = {null};
        byKey.compute(key, (k, old) -> {
            State s = old == null ? new State(0, 0, null) : old;
            if (s.lockedUntil() != null && s.lockedUntil().isAfter(now)) {
                refused[0] = new Refusal(Duration.between(now, s.lockedUntil()));
                return s;
            }
            int budget = Math.max(1, failuresBeforeLockout - s.failures());
            if (s.inFlight() >= budget) {
                // as many attempts are being checked as may still fail: wait for their outcome
                refused[0] = new Refusal(Duration.ofSeconds(1));
                return s;
            }
            return new State(s.failures(), s.inFlight() + 1, s.lockedUntil());
        });
        return Optional.ofNullable(refused[0]);
    }

    /** A reserved attempt had a wrong password; returns the lockout it caused, if any. */
    Optional<Duration> failed(String key) {
        Instant now = clock.instant();
        Duration[] lockout = {null};
        byKey.compute(key, (k, old) -> {
            State s = old == null ? new State(0, 1, null) : old;
            int failures = s.failures() + 1;
            int over = failures - failuresBeforeLockout;
            Instant until = s.lockedUntil();
            if (over >= 0) {
                Duration d = firstLockout.multipliedBy(1L << Math.min(over, 20));
                lockout[0] = d.compareTo(MAX_LOCKOUT) > 0 ? MAX_LOCKOUT : d;
                until = now.plus(lockout[0]);
            }
            return new State(failures, Math.max(0, s.inFlight() - 1), until);
        });
        return Optional.ofNullable(lockout[0]);
    }

    /** A reserved attempt was not a password check after all (e.g. the realm was unavailable). */
    void released(String key) {
        byKey.computeIfPresent(key, (k, s) -> new State(s.failures(), Math.max(0, s.inFlight() - 1), s.lockedUntil()));
    }

    void succeeded(String key) {
        byKey.remove(key);
    }
}
