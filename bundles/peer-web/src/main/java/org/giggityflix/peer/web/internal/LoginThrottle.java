package org.giggityflix.peer.web.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code LoginThrottle} is responsible for slowing password guessing: after N failed sign-ins from one address,
 * that address waits, and each further failure doubles the wait (capped at an hour). A success clears it.
 */
final class LoginThrottle {

    private static final Duration MAX_LOCKOUT = Duration.ofHours(1);
    private static final int MAX_TRACKED = 10_000;

    private final Clock clock;
    private final Map<String, State> byAddress = new ConcurrentHashMap<>();
    private volatile int failuresBeforeLockout;
    private volatile Duration firstLockout;

    private record State(int failures, Instant lockedUntil) {
    }

    LoginThrottle(Clock clock, int failuresBeforeLockout, Duration firstLockout) {
        this.clock = clock;
        configure(failuresBeforeLockout, firstLockout);
    }

    void configure(int failuresBeforeLockout, Duration firstLockout) {
        this.failuresBeforeLockout = Math.max(1, failuresBeforeLockout);
        this.firstLockout = firstLockout;
    }

    /** How long {@code address} must still wait before it may try; empty when it may try now. */
    Optional<Duration> lockedFor(String address) {
        State state = byAddress.get(address);
        if (state == null || state.lockedUntil() == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), state.lockedUntil());
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    /** Records a wrong password; returns the lockout it caused, if any. */
    Optional<Duration> failed(String address) {
        if (byAddress.size() > MAX_TRACKED) {
            Instant now = clock.instant();
            byAddress.values().removeIf(s -> s.lockedUntil() == null || s.lockedUntil().isBefore(now));
        }
        State state = byAddress.merge(address, new State(1, null),
                (old, one) -> new State(old.failures() + 1, old.lockedUntil()));
        int over = state.failures() - failuresBeforeLockout;
        if (over < 0) {
            return Optional.empty();
        }
        Duration lockout = firstLockout.multipliedBy(1L << Math.min(over, 20));
        if (lockout.compareTo(MAX_LOCKOUT) > 0) {
            lockout = MAX_LOCKOUT;
        }
        byAddress.put(address, new State(state.failures(), clock.instant().plus(lockout)));
        return Optional.of(lockout);
    }

    void succeeded(String address) {
        byAddress.remove(address);
    }
}
