package org.giggityflix.peer.stream.http.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.IntSupplier;

/**
 * {@code SignalingChannels} is responsible for the state the player page's WebRTC signaling keeps per session, and
 * for keeping it bounded: each session belongs to the signed-in user who opened it (others cannot see or steer
 * it), a user has at most N sessions open at once, and a session's queue is freed when the page has read its end,
 * shortly after it ended unread, or when the page stopped polling (the browser went away; the session is then
 * stopped too).
 */
final class SignalingChannels {

    /** How long the end of a session waits for the page to read it before the queue goes anyway. */
    static final Duration ENDED_KEPT = Duration.ofSeconds(30);

    /** One session's queue of events for the page's long poll. */
    static final class Channel {
        final String user;
        final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        volatile Instant lastPoll;
        volatile Instant endedAt;

        Channel(String user, Instant now) {
            this.user = user;
            this.lastPoll = now;
        }
    }

    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    private final Map<String, Integer> reserved = new ConcurrentHashMap<>();
    private final Clock clock;
    private final IntSupplier maxPerUser;
    private final IntSupplier idleSeconds;

    SignalingChannels(Clock clock, IntSupplier maxPerUser, IntSupplier idleSeconds) {
        this.clock = clock;
        this.maxPerUser = maxPerUser;
        this.idleSeconds = idleSeconds;
    }

    /**
     * Reserves a place for a new session of {@code user}; false when the user already has the maximum open. A
     * reservation ends with {@link #opened} or {@link #release}.
     */
    boolean reserve(String user) {
        int limit = Math.max(1, maxPerUser.getAsInt());
        boolean[] ok = {false};
        reserved.compute(user, (u, n) -> {
            int pending = n == null ? 0 : n;
            if (pending + openOf(u) >= limit) {
                return n;
            }
            ok[0] = true;
            return pending + 1;
        });
        return ok[0];
    }

    void release(String user) {
        reserved.computeIfPresent(user, (u, n) -> n <= 1 ? null : n - 1);
    }

    /** The reserved place becomes session {@code sessionId}. */
    void opened(String user, String sessionId) {
        reserved.compute(user, (u, n) -> {
            channels.putIfAbsent(sessionId, new Channel(user, clock.instant()));
            return n == null || n <= 1 ? null : n - 1;
        });
    }

    /** The session's channel when {@code user} owns it. */
    Optional<Channel> of(String sessionId, String user) {
        Channel c = sessionId == null ? null : channels.get(sessionId);
        return c != null && c.user.equals(user) ? Optional.of(c) : Optional.empty();
    }

    /** An event from the transport (a candidate may come before {@link #opened}: it is kept). */
    void event(String sessionId, String json) {
        Channel c = channels.get(sessionId);
        if (c != null) {
            c.queue.add(json);
        }
    }

    void ended(String sessionId, String json) {
        Channel c = channels.get(sessionId);
        if (c != null) {
            c.queue.add(json);
            c.endedAt = clock.instant();
        }
    }

    /** The page is polling now. */
    void polled(Channel c) {
        c.lastPoll = clock.instant();
    }

    /** The page has read the end: the channel goes. */
    void collected(String sessionId) {
        channels.remove(sessionId);
    }

    /**
     * Frees channels whose end was not read within {@link #ENDED_KEPT}, and returns the sessions whose page stopped
     * polling (removed here; the caller stops them).
     */
    List<String> sweep() {
        Instant now = clock.instant();
        Duration idle = Duration.ofSeconds(Math.max(10, idleSeconds.getAsInt()));
        List<String> abandoned = new ArrayList<>();
        channels.forEach((id, c) -> {
            if (c.endedAt != null) {
                if (c.endedAt.plus(ENDED_KEPT).isBefore(now)) {
                    channels.remove(id, c);
                }
            } else if (c.lastPoll.plus(idle).isBefore(now)) {
                if (channels.remove(id, c)) {
                    abandoned.add(id);
                }
            }
        });
        return abandoned;
    }

    /** Sessions of {@code user} not ended yet. */
    int openOf(String user) {
        int n = 0;
        for (Channel c : channels.values()) {
            if (c.user.equals(user) && c.endedAt == null) {
                n++;
            }
        }
        return n;
    }

    /** Channels held now (ended or not). */
    int size() {
        return channels.size();
    }

    void clear() {
        channels.clear();
        reserved.clear();
    }
}
