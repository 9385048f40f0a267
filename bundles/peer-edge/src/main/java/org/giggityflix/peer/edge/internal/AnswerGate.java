package org.giggityflix.peer.edge.internal;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * {@code AnswerGate} is responsible for the order between the Edge's offer answers and its requests: answers are
 * numbered as they arrive, and a request that arrived after answer N is worked on only once the catalog ids of
 * answers 1..N are stored. An Edge that asks for a file right after answering the offer that named it (a stream
 * request on a fresh link) then finds it, instead of being told BAD_CATALOG_ID while the ids are still on their way
 * to the catalog.
 *
 * @param <A> what is queued per answer
 */
final class AnswerGate<A> {

    /** An answer and its number. */
    record Numbered<A>(long number, A answer) {
    }

    private final Queue<Numbered<A>> queue = new ConcurrentLinkedQueue<>();
    // Guarded by this.
    private long received;
    private long stored;

    /** Queues an answer; numbers follow the queue's order. Called on a gRPC thread. */
    synchronized void add(A answer) {
        queue.add(new Numbered<>(++received, answer));
    }

    /** The next queued answer, or null. Called by the one thread that stores answers. */
    Numbered<A> poll() {
        return queue.poll();
    }

    /** Answers up to {@code number} are stored (or failed to store: they are not waited for again). */
    synchronized void stored(long number) {
        if (number > stored) {
            stored = number;
            notifyAll();
        }
    }

    /** What a request arriving now must wait for: the number of answers received so far. */
    synchronized long ticket() {
        return received;
    }

    /**
     * Waits until the answers a request's {@code ticket} names are stored, at most {@code timeout} (a catalog that
     * does not answer must not hold requests forever).
     *
     * @return true when they are stored, false when the time ran out
     */
    synchronized boolean awaitStored(long ticket, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (stored < ticket) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
