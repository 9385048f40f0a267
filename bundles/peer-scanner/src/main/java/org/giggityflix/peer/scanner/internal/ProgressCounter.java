package org.giggityflix.peer.scanner.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.giggityflix.peer.api.scan.ScanProgress;

/**
 * {@code ProgressCounter} is responsible for the live counters of one scan, updated by the scan and hashing
 * threads and read by {@code status()} at any time, with an ETA derived from the hashing rate.
 */
final class ProgressCounter {

    /** Hashing must have run this long before its rate says anything about the time left. */
    private static final Duration MIN_SAMPLE = Duration.ofSeconds(1);

    final AtomicLong filesSeen = new AtomicLong();
    final AtomicLong filesNew = new AtomicLong();
    final AtomicLong filesChanged = new AtomicLong();
    final AtomicLong filesMoved = new AtomicLong();
    final AtomicLong filesGone = new AtomicLong();
    final AtomicLong filesFailed = new AtomicLong();
    final AtomicLong bytesHashed = new AtomicLong();
    final AtomicLong bytesToHash = new AtomicLong();

    private final Clock clock;
    private final Instant started;
    private final boolean full;
    private volatile Instant hashingStarted;

    ProgressCounter(Clock clock, boolean full) {
        this.clock = clock;
        this.started = clock.instant();
        this.full = full;
    }

    void hashingStarts() {
        hashingStarted = clock.instant();
    }

    ScanProgress snapshot() {
        return new ScanProgress(started, full, filesSeen.get(), filesNew.get(), filesChanged.get(),
                filesMoved.get(), filesGone.get(), filesFailed.get(), bytesHashed.get(), bytesToHash.get(), eta());
    }

    private Optional<Duration> eta() {
        Instant since = hashingStarted;
        long done = bytesHashed.get();
        if (since == null || done <= 0) {
            return Optional.empty();
        }
        Duration elapsed = Duration.between(since, clock.instant());
        if (elapsed.compareTo(MIN_SAMPLE) < 0) {
            return Optional.empty();
        }
        long left = Math.max(0, bytesToHash.get() - done);
        return Optional.of(Duration.ofMillis((long) (elapsed.toMillis() * (left / (double) done))));
    }
}
