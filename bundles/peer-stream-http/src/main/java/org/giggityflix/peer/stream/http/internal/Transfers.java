package org.giggityflix.peer.stream.http.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

import org.giggityflix.peer.api.stream.StreamSession;

/**
 * {@code Transfers} is responsible for the HTTP transport's running downloads: each request being served is a
 * session others can list and stop (the copy loop notices and gives up), bounded in number, and all of them are
 * stopped when the transport goes away.
 */
final class Transfers {

    /** One response being written. */
    static final class Transfer {
        final String id;
        final long luid;
        final Instant started = Instant.now();
        final String range;
        final AtomicLong sent = new AtomicLong();
        volatile boolean stopped;

        Transfer(String id, long luid, String range) {
            this.id = id;
            this.luid = luid;
            this.range = range;
        }

        StreamSession describe() {
            return new StreamSession(id, HttpStreamConstants.TRANSPORT, luid, started,
                    "serving " + range + ", " + sent.get() + " bytes sent");
        }
    }

    private final Map<String, Transfer> running = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final IntSupplier limit;
    private volatile boolean closed;

    Transfers(IntSupplier limit) {
        this.limit = limit;
    }

    /** A new transfer, or empty when as many run as allowed (or the transport is going away). */
    Optional<Transfer> begin(long luid, String range) {
        synchronized (running) {
            if (closed || running.size() >= limit.getAsInt()) {
                return Optional.empty();
            }
            Transfer t = new Transfer("http-" + sequence.incrementAndGet(), luid, range);
            running.put(t.id, t);
            return Optional.of(t);
        }
    }

    void end(Transfer t) {
        running.remove(t.id);
    }

    List<StreamSession> sessions() {
        List<StreamSession> list = new ArrayList<>();
        running.values().forEach(t -> list.add(t.describe()));
        list.sort(Comparator.comparing(StreamSession::started));
        return list;
    }

    boolean stop(String id) {
        Transfer t = id == null ? null : running.remove(id);
        if (t == null) {
            return false;
        }
        t.stopped = true;
        return true;
    }

    void close() {
        synchronized (running) {
            closed = true;
        }
        running.values().forEach(t -> t.stopped = true);
        running.clear();
    }
}
