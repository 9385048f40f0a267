package org.giggityflix.peer.osgi.common;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * {@code Backoff} is responsible for how long to wait after the n-th failure in a row: the first wait doubled per
 * failure, spread by ±20 % jitter so that many peers failing together (an Edge restarted, a router rebooted) do not
 * retry in step, and capped.
 */
public final class Backoff {

    private static final double JITTER = 0.2;

    private final Duration first;
    private final Duration cap;
    private final DoubleSupplier random;

    /**
     * @param first  the wait after the first failure (before jitter)
     * @param cap    the longest wait, jitter included
     * @param random uniform values in [0, 1)
     */
    public Backoff(Duration first, Duration cap, DoubleSupplier random) {
        this.first = first;
        this.cap = cap;
        this.random = random;
    }

    /** The wait after {@code failures} failures in a row (1 = the first). */
    public Duration delay(int failures) {
        long capMillis = cap.toMillis();
        long base = Math.min(capMillis, first.toMillis());
        for (int i = 1; i < failures && base < capMillis; i++) {
            base = Math.min(capMillis, base * 2);
        }
        double factor = 1 - JITTER + 2 * JITTER * random.getAsDouble();
        return Duration.ofMillis(Math.min(capMillis, Math.max(1, Math.round(base * factor))));
    }
}
