package org.giggityflix.peer.scanner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code SeenKeysTest} is responsible for proving that the walk's compact memory of visited files tells a file seen
 * before from a new one exactly as a set of the JDK's keys did: a hard link or a second way in is seen, a file of
 * another device with the same inode is not, and identities that are not Unix keys still count.
 */
class SeenKeysTest {

    @Test
    void aFileReachedTwiceIsSeenAndAnotherIsNot(@TempDir Path dir) throws Exception {
        Path film = Files.writeString(dir.resolve("film.mkv"), "x");
        Path link = Files.createLink(dir.resolve("same film.mkv"), film);
        Path other = Files.writeString(dir.resolve("other.mkv"), "y");
        SeenKeys seen = new SeenKeys();
        assertTrue(seen.add(identity(film)));
        assertFalse(seen.add(identity(link)), "a hard link is the same file");
        assertTrue(seen.add(identity(other)));
        assertFalse(seen.add(identity(film)));
        assertTrue(seen.add(dir.resolve("no key")), "an identity that is not a Unix key (a real path)");
        assertFalse(seen.add(dir.resolve("no key")));
        assertEquals(3, seen.size());
    }

    @Test
    void agreesWithASetOfKeysOverManyFiles() {
        Random random = new Random(14);
        Set<String> expected = new HashSet<>();
        SeenKeys seen = new SeenKeys();
        for (int i = 0; i < 200_000; i++) {
            // Few devices, inodes that repeat across them, hex devices as the JDK writes them, odd texts too.
            long dev = random.nextInt(4) == 0 ? -random.nextInt(3) - 1 : random.nextInt(3);
            String key = random.nextInt(500) == 0 ? "inode " + random.nextInt(100)
                    : "(dev=" + Long.toHexString(dev) + ",ino=" + random.nextInt(60_000) + ")";
            assertEquals(expected.add(key), seen.add(key), key);
        }
        assertEquals(expected.size(), seen.size());
    }

    private static Object identity(Path file) throws Exception {
        return FolderReader.identity(file, Files.readAttributes(file, BasicFileAttributes.class));
    }
}
