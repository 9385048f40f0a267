package org.giggityflix.peer.upnp.internal;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code Await} is responsible for letting a test wait for what the engine does on its own thread, without
 * asserting on time: it fails only when the condition never comes true within a generous limit.
 */
final class Await {

    static final Duration LIMIT = Duration.ofSeconds(30);

    private Await() {
    }

    static void until(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what.get());
            }
            Thread.sleep(20);
        }
    }
}
