package org.giggityflix.peer.testsupport;

import java.time.Duration;

/**
 * {@code Await} is responsible for polling a condition until a deadline, so tests wait for behaviour instead of
 * sleeping a fixed time.
 */
public final class Await {

    /** What is waited for; may throw, which fails the wait at once. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private Await() {
    }

    public static void until(Duration limit, String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit.toSeconds() + " s: " + what);
            }
            Thread.sleep(50);
        }
    }
}
