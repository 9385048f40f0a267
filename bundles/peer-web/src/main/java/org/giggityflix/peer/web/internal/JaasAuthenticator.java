package org.giggityflix.peer.web.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.security.auth.login.AccountException;
import javax.security.auth.login.CredentialException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;

/**
 * {@code JaasAuthenticator} is responsible for signing in against the console's JAAS realm ({@link ConsoleRealm}),
 * accepting only users with the {@code admin} role, and for saying why a sign-in was refused: a wrong user name or
 * password, or a realm that could not check it (which is not the person's fault and answers 503).
 *
 * <p>A password put into {@code etc/users.properties} in plain text is refused by the realm until Karaf has hashed
 * it: Karaf compares the entry between the encryption markers, and its watcher hashes a plain entry only after the
 * file changed (or the realm started) and the encryption service is there. A sign-in for such an entry waits for
 * that (at most {@link #HASH_WAIT}) instead of answering "wrong password" to the right one, and then for the entry to
 * stay put for {@link #SETTLE}: Karaf 4.4.10 can run two of those watchers at once (its activator creates one from
 * two threads without a lock; both were seen alive in one peer), each saving its own hash of the same password, and
 * a session made between the two saves would end at the second as if the password had changed.
 */
final class JaasAuthenticator implements Authenticator {

    /**
     * How long a sign-in waits for the realm to hash a password found in plain text: Karaf's watcher waits up to
     * 20 s for the encryption service at start, then hashes each plain entry (PBKDF2, slow on purpose).
     */
    static final Duration HASH_WAIT = Duration.ofSeconds(30);
    /** How long a freshly hashed entry must stay the same before the sign-in uses it. */
    static final Duration SETTLE = Duration.ofMillis(1500);
    private static final Duration POLL = Duration.ofMillis(100);

    static final String NOT_READY = "This account's password is still being stored securely; try again in a minute.";
    static final String UNAVAILABLE = "Sign-in is unavailable: the console's accounts could not be checked"
            + " (see the peer's log).";

    /** What the sign-in needs of the console realm. */
    interface Realm {

        /** Signs {@code user} in and returns the names of their roles; throws what the realm refused with. */
        Set<String> login(String user, char[] password) throws LoginException;

        /** {@code user}'s password field as the realm stores it; empty for an unknown user or no users file. */
        Optional<Stored> stored(String user);
    }

    /**
     * A stored password field.
     *
     * @param plain true when it is plain text although the realm stores hashes (so the realm refuses it as it is)
     */
    record Stored(String value, boolean plain) {
        @Override
        public String toString() {
            return plain ? "Stored[plain text]" : "Stored[hashed]";
        }
    }

    private final Realm realm;
    private final Duration hashWait;
    private final Duration settle;

    JaasAuthenticator() {
        this(new ConsoleRealm(), HASH_WAIT, SETTLE);
    }

    JaasAuthenticator(Realm realm, Duration hashWait, Duration settle) {
        this.realm = realm;
        this.hashWait = hashWait;
        this.settle = settle;
    }

    @Override
    public Result authenticate(String user, char[] password) {
        try {
            Optional<Stored> plain = realm.stored(user).filter(Stored::plain);
            if (plain.isPresent()) {
                // Karaf refuses it as it is, but the attempt makes peer-jaas hash the file's plain entries (Karaf's
                // own watcher may be gone); then wait for the hash and check again.
                try {
                    return admitted(user, realm.login(user, password));
                } catch (LoginException expected) {
                    plain = awaitHashed(user);
                }
            }
            if (plain.isPresent()) {
                if (!matches(plain.get().value(), password)) {
                    return Result.refused(Outcome.WRONG_CREDENTIALS, WebSecurity.WRONG,
                            "the password does not match the entry, which is stored in plain text");
                }
                return Result.refused(Outcome.UNAVAILABLE, NOT_READY, "the password is stored in plain text in"
                        + " users.properties and the realm has not hashed it within " + hashWait.toSeconds()
                        + " s (Karaf hashes such entries when the file changes): set it with bin/peer passwd");
            }
            return admitted(user, realm.login(user, password));
        } catch (FailedLoginException | AccountException | CredentialException e) {
            // Karaf's properties module: "login failed", or with detailed.login.exception "User … does not exist" /
            // "Password for … does not match". Both are wrong credentials to the person signing in.
            return Result.refused(Outcome.WRONG_CREDENTIALS, WebSecurity.WRONG, describe(e));
        } catch (LoginException e) {
            // Anything else the realm throws means it could not check: no realm registered ("No LoginModules
            // configured for karaf"), an unreadable users file, the encryption service missing (Karaf's
            // IllegalStateException, wrapped by LoginContext).
            return Result.refused(Outcome.UNAVAILABLE, UNAVAILABLE, describe(e));
        } catch (SecurityException e) {
            return Result.refused(Outcome.UNAVAILABLE, "Sign-in is unavailable: the JAAS realm 'karaf' is not set up.",
                    describe(e));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static Result admitted(String user, Set<String> roles) {
        if (!roles.contains(WebConstants.ADMIN_ROLE)) {
            return Result.refused(Outcome.NOT_ADMIN, "This account may not manage the peer (no admin role).",
                    "no admin role; roles " + roles);
        }
        return Result.ok(user);
    }

    /**
     * Waits until the realm has hashed {@code user}'s plain-text entry and the hash has stayed the same for the
     * settle time; returns the entry still in plain text when it was not hashed within the wait, else empty (also
     * when the entry went away or kept changing: the realm then decides).
     */
    private Optional<Stored> awaitHashed(String user) {
        long start = System.nanoTime();
        Optional<Stored> last = realm.stored(user);
        long since = start;
        while (last.isPresent()) {
            long now = System.nanoTime();
            if (!last.get().plain() && now - since >= settle.toNanos()) {
                return Optional.empty();
            }
            if (now - start > hashWait.toNanos()) {
                return last.filter(Stored::plain);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            Optional<Stored> next = realm.stored(user);
            if (!Objects.equals(next, last)) {
                since = System.nanoTime();
                last = next;
            }
        }
        return Optional.empty();
    }

    /** Constant-time comparison of a plain-text entry with the password typed. */
    private static boolean matches(String plain, char[] password) {
        return MessageDigest.isEqual(plain.getBytes(StandardCharsets.UTF_8),
                new String(password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The exception's class and the first line of its message, for the log. Karaf's messages name the user, never
     * the password; LoginContext wraps a module's unexpected exception with its whole stack trace, of which only the
     * first line is kept.
     */
    static String describe(Exception e) {
        String message = e.getMessage() == null ? "" : e.getMessage().strip();
        int line = message.indexOf('\n');
        if (line >= 0) {
            message = message.substring(0, line).strip();
        }
        message = message.replaceAll("\\p{Cntrl}", "?");
        if (message.length() > 300) {
            message = message.substring(0, 300) + "…";
        }
        return e.getClass().getName() + (message.isEmpty() ? "" : ": " + message);
    }
}
