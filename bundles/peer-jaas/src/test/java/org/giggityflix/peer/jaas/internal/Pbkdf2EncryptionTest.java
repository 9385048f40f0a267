package org.giggityflix.peer.jaas.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Pbkdf2EncryptionTest} is responsible for proving what Karaf JAAS gets: stored values it can check, and an
 * owner whose password an earlier release stored as unsalted SHA-256 signs in with it once, after which
 * users.properties holds the salted form (owner-only, every other line kept) and the same password still signs in;
 * a wrong password changes nothing.
 */
class Pbkdf2EncryptionTest {

    @TempDir
    Path etc;

    private static String sha256Hex(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void storesWhatItChecks() {
        Pbkdf2Encryption encryption = new Pbkdf2Encryption(new PasswordHash(new SecureRandom()),
                new UsersFile(etc.resolve("users.properties")));

        String stored = encryption.encryptPassword("s3cret password");

        assertTrue(encryption.checkPassword("s3cret password", stored));
        assertFalse(encryption.checkPassword("s3cret passwort", stored));
    }

    @Test
    void anUnsaltedSha256EntrySignsInOnceAndIsReplacedBySaltedOne() throws Exception {
        String legacy = sha256Hex("old password");
        Path users = Files.writeString(etc.resolve("users.properties"), String.join("\n",
                "# Console users",
                "# admin = {CRYPT}" + legacy + "{CRYPT},_g_:admingroup (an example, untouched)",
                "admin = {CRYPT}" + legacy + "{CRYPT},_g_:admingroup",
                "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh", ""));
        Pbkdf2Encryption encryption = new Pbkdf2Encryption(new PasswordHash(new SecureRandom()), new UsersFile(users));

        assertFalse(encryption.checkPassword("wrong password", legacy));
        assertTrue(Files.readString(users).contains("admin = {CRYPT}" + legacy), "a wrong password changes nothing");

        assertTrue(encryption.checkPassword("old password", legacy), "the old hash signs in");

        List<String> lines = Files.readAllLines(users);
        assertEquals("# Console users", lines.get(0));
        assertTrue(lines.get(1).contains(legacy), "comments are kept as they were");
        assertTrue(lines.get(2).startsWith("admin = {CRYPT}pbkdf2-sha256$210000$"), lines.get(2));
        assertTrue(lines.get(2).endsWith("{CRYPT},_g_:admingroup"), lines.get(2));
        assertEquals("_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh", lines.get(3));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(users)));

        String upgraded = lines.get(2).substring("admin = {CRYPT}".length(), lines.get(2).indexOf("{CRYPT},"));
        assertTrue(encryption.checkPassword("old password", upgraded), "the same password signs in afterwards");
        assertFalse(encryption.checkPassword("wrong password", upgraded));
    }
}
