package org.giggityflix.peer.testsupport;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * {@code Await} is responsible for polling a condition until a deadline, so tests wait for behaviour instead of
 * sleeping a fixed time: it fails only when the condition never comes true within the limit.
 */
public final class Await {

    /** The limit of the variants that take none: generous, for a loaded two-core build machine. */
    public static final Duration LIMIT = Duration.ofSeconds(30);

    /** What is waited for; may throw, which fails the wait at once. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private Await() {
    }

    public static void until(String what, Condition condition) throws Exception {
        until(LIMIT, () -> what, condition);
    }

    /** {@code what} is asked only on failure, so it can describe the state the wait ended in. */
    public static void until(Supplier<String> what, Condition condition) throws Exception {
        until(LIMIT, what, condition);
    }

    public static void until(Duration limit, String what, Condition condition) throws Exception {
        until(limit, () -> what, condition);
    }

    /** {@code what} is asked only on failure, so it can describe the state the wait ended in. */
    public static void until(Duration limit, Supplier<String> what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit.toSeconds() + " s: " + what.get());
            }
            Thread.sleep(50);
        }
    }
}
