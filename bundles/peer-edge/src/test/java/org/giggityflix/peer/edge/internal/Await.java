package org.giggityflix.peer.edge.internal;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * {@code Await} is responsible for letting a test wait for something the link does on its own threads, without
 * asserting on time: it only fails when the condition never comes true within a generous limit.
 */
final class Await {

    static final Duration LIMIT = Duration.ofSeconds(20);

    private Await() {
    }

    static void until(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
