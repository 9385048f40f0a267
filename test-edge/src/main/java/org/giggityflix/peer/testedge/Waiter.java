package org.giggityflix.peer.testedge;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * {@code Waiter} is responsible for letting a test block until something the Edge records shows up, without
 * sleeping: writers call {@link #changed()}, readers re-check their condition on each change.
 */
final class Waiter {

    private final Object lock = new Object();

    void changed() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /** Returns the first non-null value of {@code probe}, or throws once {@code timeout} has passed. */
    <T> T await(Supplier<T> probe, Duration timeout, String what) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            T value = probe.get();
            while (value == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("test Edge: gave up after " + timeout + " waiting for " + what);
                }
                lock.wait(Math.max(1, left / 1_000_000));
                value = probe.get();
            }
            return value;
        }
    }
}
