package org.giggityflix.peer.jaas.internal;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Arrays;

import org.apache.karaf.jaas.modules.Encryption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Pbkdf2Encryption} is responsible for Karaf JAAS's view of {@link PasswordHash}: what
 * {@code PropertiesLoginModule} (console over SSH, web sign-in, {@code jaas:*} commands) stores and checks between
 * the {@code {CRYPT}} markers. A right password checked against an unsalted SHA-256 entry of an earlier release is
 * accepted once and that entry is rewritten in the new form at once.
 *
 * <p>A password typed into users.properties in plain text reaches {@link #checkPassword} cut by the markers' length
 * (Karaf strips the markers by length, without looking): it cannot be checked, so it is refused and every plain entry
 * is hashed at once (through {@link RecentHashes}, so Karaf's own watcher writes the same value); the next attempt
 * then signs in.
 */
final class Pbkdf2Encryption implements Encryption {

    private static final Logger LOG = LoggerFactory.getLogger(Pbkdf2Encryption.class);

    private final PasswordHash hash;
    private final UsersFile users;
    private final RecentHashes recent;

    Pbkdf2Encryption(PasswordHash hash, UsersFile users) {
        this(hash, users, new RecentHashes(hash::hash, new SecureRandom(), System::nanoTime));
    }

    Pbkdf2Encryption(PasswordHash hash, UsersFile users, RecentHashes recent) {
        this.hash = hash;
        this.users = users;
        this.recent = recent;
    }

    @Override
    public String encryptPassword(String plain) {
        char[] password = plain.toCharArray();
        try {
            return recent.hash(password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** Hashes the passwords stored in plain text in users.properties; returns how many (logged when any). */
    int hashPlainEntries() {
        try {
            int hashed = users.hashPlainEntries(recent::hash);
            if (hashed > 0) {
                LOG.info("{} password{} typed into {} in plain text {} now stored as {}", hashed,
                        hashed == 1 ? "" : "s", users.path(), hashed == 1 ? "is" : "are", PasswordHash.SCHEME);
            }
            return hashed;
        } catch (IOException e) {
            LOG.warn("Could not hash the plain-text passwords in {} ({}); they cannot sign in until hashed: set them"
                    + " with bin/peer passwd", users.path(), e.toString());
            return 0;
        }
    }

    @Override
    public boolean checkPassword(String input, String stored) {
        if (!PasswordHash.isCurrent(stored) && !PasswordHash.isLegacy(stored)) {
            // what Karaf made of an entry in plain text: uncheckable; hash the file's plain entries for next time
            hashPlainEntries();
            return false;
        }
        char[] password = input.toCharArray();
        try {
            boolean matches = PasswordHash.verify(password, stored);
            if (matches && PasswordHash.isLegacy(stored)) {
                upgrade(stored, hash.hash(password));
            }
            return matches;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private void upgrade(String legacy, String current) {
        try {
            int entries = users.replace(legacy, current);
            LOG.info("A console password stored as unsalted SHA-256 was signed in with and is now stored as {}"
                    + " in {} ({} entr{})", PasswordHash.SCHEME, users.path(), entries, entries == 1 ? "y" : "ies");
        } catch (IOException e) {
            LOG.warn("Could not upgrade an unsalted SHA-256 password in {} ({}); it keeps working: set a new one"
                    + " with bin/peer passwd", users.path(), e.toString());
        }
    }
}
