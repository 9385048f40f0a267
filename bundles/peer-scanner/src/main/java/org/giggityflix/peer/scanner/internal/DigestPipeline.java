package org.giggityflix.peer.scanner.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

import org.giggityflix.peer.api.hash.HashDigest;

/**
 * {@code DigestPipeline} is responsible for reading a file once while every requested digest runs on its own
 * worker: the reading thread fills a few large buffers in turn and hands each to all digest lanes, so md5 and
 * sha1 together cost about as long as the slower of the two, not their sum.
 */
final class DigestPipeline {

    /** Buffers in flight per file: enough for the reader to stay ahead of the slowest digest. */
    static final int BUFFERS = 4;

    private static final long POLL_MILLIS = 200;

    private final ExecutorService lanes;
    private final BufferPool buffers;

    DigestPipeline(ExecutorService lanes, BufferPool buffers) {
        this.lanes = lanes;
        this.buffers = buffers;
    }

    /** Reads {@code channel} to its end into every digest; returns the bytes read. */
    long run(FileChannel channel, List<HashDigest> digests, LongConsumer progress) throws IOException {
        BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BUFFERS);
        for (int i = 0; i < BUFFERS; i++) {
            free.add(buffers.take());
        }
        List<Lane> laneList = new ArrayList<>();
        List<Future<?>> futures = new ArrayList<>();
        try {
            startLanes(digests, laneList, futures);
            return readAll(channel, free, laneList, futures, progress);
        } finally {
            laneList.forEach(Lane::end);
            awaitUninterruptibly(futures);
            free.forEach(buffers::give);
            throwIfLaneFailed(laneList);
        }
    }

    private void startLanes(List<HashDigest> digests, List<Lane> laneList, List<Future<?>> futures)
            throws IOException {
        try {
            for (HashDigest digest : digests) {
                Lane lane = new Lane(digest);
                futures.add(lanes.submit(lane));
                laneList.add(lane);
            }
        } catch (RejectedExecutionException e) {
            throw new IOException("the hasher is stopped", e);
        }
    }

    private long readAll(FileChannel channel, BlockingQueue<ByteBuffer> free, List<Lane> laneList,
                         List<Future<?>> futures, LongConsumer progress) throws IOException {
        long total = 0;
        while (true) {
            ByteBuffer buffer = nextFree(free, futures);
            buffer.clear();
            int read = SinglePassFileHasher.fill(channel, buffer);
            if (read <= 0) {
                free.add(buffer);
                return total;
            }
            buffer.flip();
            Chunk chunk = new Chunk(buffer, laneList.size(), free);
            laneList.forEach(lane -> lane.offer(chunk));
            total += read;
            progress.accept(read);
        }
    }

    /** Waits for a buffer the lanes are done with; gives up when a lane has died rather than wait forever. */
    private static ByteBuffer nextFree(BlockingQueue<ByteBuffer> free, List<Future<?>> futures) throws IOException {
        try {
            ByteBuffer buffer;
            while ((buffer = free.poll(POLL_MILLIS, TimeUnit.MILLISECONDS)) == null) {
                if (futures.stream().anyMatch(Future::isDone)) {
                    throw new IOException("a digest worker stopped before the file was read");
                }
            }
            return buffer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing");
        }
    }

    private static void awaitUninterruptibly(List<Future<?>> futures) {
        boolean interrupted = false;
        for (Future<?> future : futures) {
            while (true) {
                try {
                    future.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void throwIfLaneFailed(List<Lane> laneList) throws IOException {
        for (Lane lane : laneList) {
            if (lane.failure != null) {
                throw new IOException("digest failed: " + lane.failure, lane.failure);
            }
        }
    }

    /** One read buffer shared by all lanes; it goes back to the reader when the last lane is done with it. */
    private static final class Chunk {
        private final ByteBuffer buffer;
        private final AtomicInteger pending;
        private final BlockingQueue<ByteBuffer> free;

        Chunk(ByteBuffer buffer, int lanes, BlockingQueue<ByteBuffer> free) {
            this.buffer = buffer;
            this.pending = new AtomicInteger(lanes);
            this.free = free;
        }

        ByteBuffer view() {
            // Each lane needs its own position and limit over the same bytes.
            return buffer.duplicate();
        }

        void release() {
            if (pending.decrementAndGet() == 0) {
                free.add(buffer);
            }
        }
    }

    /** Feeds one digest from the chunks the reader offers, until the end marker. */
    private static final class Lane implements Runnable {
        /** This lane's end marker: an object of its own, so no state is shared between pipelines. */
        private final Chunk end = new Chunk(ByteBuffer.allocate(0), 1, new ArrayBlockingQueue<>(1));
        // One slot per buffer plus the end marker, so offering never has to wait.
        private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(BUFFERS + 1);
        private final HashDigest digest;
        private volatile RuntimeException failure;

        Lane(HashDigest digest) {
            this.digest = digest;
        }

        void offer(Chunk chunk) {
            queue.add(chunk);
        }

        void end() {
            queue.offer(end);
        }

        @Override
        public void run() {
            try {
                for (Chunk chunk = queue.take(); chunk != end; chunk = queue.take()) {
                    digestAndRelease(chunk);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void digestAndRelease(Chunk chunk) {
            try {
                if (failure == null) {
                    digest.update(chunk.view());
                }
            } catch (RuntimeException e) {
                // Keep draining so the reader gets its buffers back; the failure is reported after the read.
                failure = e;
            } finally {
                chunk.release();
            }
        }
    }
}
