package org.giggityflix.peer.edge.internal;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * {@code Backoff} is responsible for how long to wait before reconnect attempt n: the interval doubled per
 * attempt, spread by ±20 % jitter so many peers restarted together do not hit the Edge in step, capped at 5 minutes.
 */
final class Backoff {

    private static final double JITTER = 0.2;

    private final Duration first;
    private final DoubleSupplier random;

    /** @param random uniform values in [0, 1) */
    Backoff(Duration first, DoubleSupplier random) {
        this.first = first;
        this.random = random;
    }

    /** Wait before attempt {@code attempt} (1 = the first retry). */
    Duration delay(int attempt) {
        long cap = EdgeConstants.MAX_BACKOFF.toMillis();
        long base = Math.min(cap, first.toMillis());
        for (int i = 1; i < attempt && base < cap; i++) {
            base = Math.min(cap, base * 2);
        }
        double factor = 1 - JITTER + 2 * JITTER * random.getAsDouble();
        return Duration.ofMillis(Math.min(cap, Math.max(1, Math.round(base * factor))));
    }
}
