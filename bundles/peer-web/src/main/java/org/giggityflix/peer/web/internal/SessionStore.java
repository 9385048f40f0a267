package org.giggityflix.peer.web.internal;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code SessionStore} is responsible for the signed-in sessions: random ids handed out as cookies, each with its
 * own CSRF token, ended by sign-out or after an idle time.
 */
final class SessionStore {

    /** One signed-in owner. */
    record Session(String id, String user, String csrfToken, Instant created) {
    }

    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private volatile Duration idle;

    private static final class Entry {
        final Session session;
        volatile Instant lastSeen;

        Entry(Session session, Instant lastSeen) {
            this.session = session;
            this.lastSeen = lastSeen;
        }
    }

    SessionStore(Clock clock, Duration idle) {
        this.clock = clock;
        this.idle = idle;
    }

    void idleTimeout(Duration idle) {
        this.idle = idle;
    }

    /** A new session for {@code user} (a new id each sign-in, so a planted id is never promoted). */
    Session create(String user) {
        purge();
        Session session = new Session(token(), user, token(), clock.instant());
        sessions.put(session.id(), new Entry(session, clock.instant()));
        return session;
    }

    /** The live session with this id, refreshed; empty when unknown or idle too long. */
    Optional<Session> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Entry entry = sessions.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (entry.lastSeen.plus(idle).isBefore(now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        entry.lastSeen = now;
        return Optional.of(entry.session);
    }

    void invalidate(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** Live sessions (idle ones are dropped first). */
    int count() {
        purge();
        return sessions.size();
    }

    void clear() {
        sessions.clear();
    }

    /** Compares a presented CSRF token with the session's in constant time. */
    static boolean csrfMatches(Session session, String presented) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(session.csrfToken().getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }

    private void purge() {
        Instant limit = clock.instant().minus(idle);
        sessions.values().removeIf(e -> e.lastSeen.isBefore(limit));
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
