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
 * own CSRF token, ended by sign-out, after an idle time, after an absolute lifetime, or for every session of a user
 * at once (a password change).
 */
final class SessionStore {

    /**
     * One signed-in owner.
     *
     * @param home       signed in from a home network: the cookie is then refused from anywhere else
     * @param credential what the user's stored credential was at sign-in (a password change makes it differ)
     */
    record Session(String id, String user, String csrfToken, Instant created, boolean home, String credential) {
    }

    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private volatile Duration idle;
    private volatile Duration maxAge = Duration.ofHours(12);

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

    void maxAge(Duration maxAge) {
        this.maxAge = maxAge;
    }

    /** A new session for {@code user} (a new id each sign-in, so a planted id is never promoted). */
    Session create(String user) {
        return create(user, true, "");
    }

    Session create(String user, boolean home, String credential) {
        purge();
        Session session = new Session(token(), user, token(), clock.instant(), home, credential);
        sessions.put(session.id(), new Entry(session, clock.instant()));
        return session;
    }

    /** The live session with this id, refreshed; empty when unknown, idle too long or past its lifetime. */
    Optional<Session> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Entry entry = sessions.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(entry, now)) {
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

    /** Ends every session of {@code user}; returns how many ended. */
    int invalidateUser(String user) {
        int[] ended = {0};
        sessions.values().removeIf(e -> {
            boolean his = e.session.user().equals(user);
            if (his) {
                ended[0]++;
            }
            return his;
        });
        return ended[0];
    }

    /** Live sessions (idle and expired ones are dropped first). */
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

    private boolean expired(Entry entry, Instant now) {
        return entry.lastSeen.plus(idle).isBefore(now) || !entry.session.created().plus(maxAge).isAfter(now);
    }

    private void purge() {
        Instant now = clock.instant();
        sessions.values().removeIf(e -> expired(e, now));
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
