package org.giggityflix.peer.jaas.internal;

import java.io.IOException;
import java.util.Arrays;

import org.apache.karaf.jaas.modules.Encryption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Pbkdf2Encryption} is responsible for Karaf JAAS's view of {@link PasswordHash}: what
 * {@code PropertiesLoginModule} (console over SSH, web sign-in, {@code jaas:*} commands) stores and checks between
 * the {@code {CRYPT}} markers. A right password checked against an unsalted SHA-256 entry of an earlier release is
 * accepted once and that entry is rewritten in the new form at once.
 */
final class Pbkdf2Encryption implements Encryption {

    private static final Logger LOG = LoggerFactory.getLogger(Pbkdf2Encryption.class);

    private final PasswordHash hash;
    private final UsersFile users;

    Pbkdf2Encryption(PasswordHash hash, UsersFile users) {
        this.hash = hash;
        this.users = users;
    }

    @Override
    public String encryptPassword(String plain) {
        char[] password = plain.toCharArray();
        try {
            return hash.hash(password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    @Override
    public boolean checkPassword(String input, String stored) {
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
