package org.giggityflix.peer.jaas.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code PlainEntriesTest} is responsible for proving what happens to a password an owner typed into
 * users.properties in plain text: the peer hashes it (every other line kept), a sign-in Karaf could not check
 * (the entry cut by the markers' length) hashes it for the next attempt, which then signs in, and Karaf's own watcher
 * hashing the same entry writes the very same value, so the entry changes once.
 */
class PlainEntriesTest {

    @TempDir
    Path etc;

    private final PasswordHash hash = new PasswordHash(new SecureRandom());
    private final AtomicLong now = new AtomicLong();

    private Path users() throws Exception {
        return Files.writeString(etc.resolve("users.properties"), String.join("\n",
                "# admin = typed-in-a-comment,_g_:admingroup",
                "admin = {CRYPT}" + hash.hash("admin-pass".toCharArray()) + "{CRYPT},_g_:admingroup",
                "webadmin = web-itest-pass,_g_\\:admingroup",
                "shorty=ab",
                "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh",
                ""));
    }

    private static String entry(Path users, String user) throws Exception {
        return Files.readAllLines(users).stream().filter(l -> l.startsWith(user + " ") || l.startsWith(user + "="))
                .findFirst().orElseThrow();
    }

    private static String storedHash(String line) {
        String value = line.substring(line.indexOf('=') + 1).strip();
        String password = value.contains(",") ? value.substring(0, value.indexOf(',')) : value;
        assertTrue(password.startsWith("{CRYPT}") && password.endsWith("{CRYPT}"), line);
        return password.substring(7, password.length() - 7);
    }

    @Test
    void plainEntriesAreHashedAndEveryOtherLineIsKept() throws Exception {
        Path users = users();
        List<String> before = Files.readAllLines(users);
        Pbkdf2Encryption encryption = new Pbkdf2Encryption(hash, new UsersFile(users),
                new RecentHashes(hash::hash, new SecureRandom(), now::get));

        assertEquals(2, encryption.hashPlainEntries());

        List<String> after = Files.readAllLines(users);
        assertEquals(before.get(0), after.get(0), "comments untouched");
        assertEquals(before.get(1), after.get(1), "a hashed entry untouched");
        assertEquals(before.get(4), after.get(4), "groups untouched");
        assertTrue(entry(users, "webadmin").endsWith(",_g_\\:admingroup"), entry(users, "webadmin"));
        assertTrue(PasswordHash.verify("web-itest-pass".toCharArray(), storedHash(entry(users, "webadmin"))));
        assertTrue(PasswordHash.verify("ab".toCharArray(), storedHash(entry(users, "shorty"))));
        assertFalse(Files.readString(users).contains("web-itest-pass"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(users)));
        assertEquals(0, encryption.hashPlainEntries(), "nothing left to hash");
    }

    @Test
    void aSignInKarafCouldNotCheckHashesTheEntryAndTheNextOneSignsIn() throws Exception {
        Path users = users();
        Pbkdf2Encryption encryption = new Pbkdf2Encryption(hash, new UsersFile(users),
                new RecentHashes(hash::hash, new SecureRandom(), now::get));
        // Karaf 4.4 strips 7 characters off each end of a plain entry and hands over what is left
        String cut = "web-itest-pass".substring(7, "web-itest-pass".length() - 7);

        assertFalse(encryption.checkPassword("web-itest-pass", cut));
        assertTrue(encryption.checkPassword("web-itest-pass", storedHash(entry(users, "webadmin"))));
    }

    @Test
    void karafsWatcherHashingTheSameEntryWritesTheSameValue() throws Exception {
        Path users = users();
        Pbkdf2Encryption encryption = new Pbkdf2Encryption(hash, new UsersFile(users),
                new RecentHashes(hash::hash, new SecureRandom(), now::get));
        encryption.hashPlainEntries();
        String ours = storedHash(entry(users, "webadmin"));

        // AutoEncryptionSupport read the file while it was plain, and asks for the hash of what it read
        assertEquals(ours, encryption.encryptPassword("web-itest-pass"));

        now.addAndGet(RecentHashes.KEEP.plus(Duration.ofSeconds(1)).toNanos());
        String later = encryption.encryptPassword("web-itest-pass");
        assertNotEquals(ours, later, "a password set again later gets a salt of its own");
        assertTrue(PasswordHash.verify("web-itest-pass".toCharArray(), later));
        assertNotEquals(encryption.encryptPassword("other"), encryption.encryptPassword("web-itest-pass"));
    }
}
