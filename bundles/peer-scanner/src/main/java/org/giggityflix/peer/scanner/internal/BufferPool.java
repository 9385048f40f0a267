package org.giggityflix.peer.scanner.internal;

import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code BufferPool} is responsible for reusing the large direct read buffers: allocating (and zeroing) a fresh
 * MiB for each of ten thousand small files would cost more than reading them.
 */
final class BufferPool {

    private final int bufferBytes;
    private final int maxIdle;
    private final Queue<ByteBuffer> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    BufferPool(int bufferBytes, int maxIdle) {
        this.bufferBytes = bufferBytes;
        this.maxIdle = maxIdle;
    }

    int bufferBytes() {
        return bufferBytes;
    }

    ByteBuffer take() {
        ByteBuffer buffer = idle.poll();
        if (buffer == null) {
            return ByteBuffer.allocateDirect(bufferBytes);
        }
        idleCount.decrementAndGet();
        return buffer.clear();
    }

    void give(ByteBuffer buffer) {
        // Beyond maxIdle the buffer is left to the garbage collector, bounding what the pool holds on to.
        if (idleCount.incrementAndGet() <= maxIdle) {
            idle.offer(buffer);
        } else {
            idleCount.decrementAndGet();
        }
    }
}
