package org.giggityflix.peer.scanner.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code RecentlyGone} is responsible for remembering, for a few minutes, files the scanner marked deleted: a move
 * between two watched folders can be seen as two separate rescans ("gone" here, "new" there), and this memory
 * lets the second one recognise the file by its inode and size and keep its luid and hashes.
 */
final class RecentlyGone {

    private static final Duration KEEP = Duration.ofMinutes(15);
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(long luid, long size, Instant when) {
    }

    private final Clock clock;
    private final Map<String, Entry> byFileKey = new LinkedHashMap<>();

    RecentlyGone(Clock clock) {
        this.clock = clock;
    }

    synchronized void remember(String fileKey, long luid, long size) {
        byFileKey.remove(fileKey);
        byFileKey.put(fileKey, new Entry(luid, size, clock.instant()));
        expire();
    }

    /** Whether nothing is remembered (then no new file can be a recent move). */
    synchronized boolean isEmpty() {
        expire();
        return byFileKey.isEmpty();
    }

    /** The luid of a recently deleted row with this identity and size, removing it from memory. */
    synchronized Optional<Long> claim(String fileKey, long size) {
        expire();
        Entry entry = byFileKey.get(fileKey);
        if (entry == null || entry.size() != size) {
            return Optional.empty();
        }
        byFileKey.remove(fileKey);
        return Optional.of(entry.luid());
    }

    private void expire() {
        Instant oldest = clock.instant().minus(KEEP);
        Iterator<Entry> entries = byFileKey.values().iterator();
        while (entries.hasNext()) {
            Entry entry = entries.next();
            if (entry.when().isBefore(oldest) || byFileKey.size() > MAX_ENTRIES) {
                entries.remove();
            } else {
                break;
            }
        }
    }
}
