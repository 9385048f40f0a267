package org.giggityflix.peer.edge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code TrashTest} is responsible for proving a deleted file is kept in DATA_DIR/trash, never overwritten by a
 * namesake, and removed for good only once its retention has passed.
 */
class TrashTest {

    @TempDir
    Path dir;

    private Trash trashOn(String day) {
        return new Trash(dir, Clock.fixed(Instant.parse(day + "T12:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void keepsTwoFilesOfTheSameNameApart() throws Exception {
        Trash trash = trashOn("2026-11-01");
        Path first = trash.moveIn(Files.writeString(dir.resolve("a.mkv"), "one"), 7);
        Path second = trash.moveIn(Files.writeString(dir.resolve("a.mkv"), "two"), 7);

        assertEquals("one", Files.readString(first));
        assertEquals("two", Files.readString(second));
        assertTrue(first.startsWith(dir.resolve("trash/2026-11-01")));
    }

    @Test
    void purgesOnlyDaysOlderThanTheRetention() throws Exception {
        Path old = trashOn("2026-10-01").moveIn(Files.writeString(dir.resolve("old.mkv"), "old"), 1);
        Path recent = trashOn("2026-11-20").moveIn(Files.writeString(dir.resolve("new.mkv"), "new"), 2);
        Files.createDirectories(dir.resolve("trash/not-a-date"));

        int removed = trashOn("2026-11-25").purge(30);

        assertEquals(1, removed);
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(recent));
        assertTrue(Files.exists(dir.resolve("trash/not-a-date")), "folders that are not ours are left alone");
    }
}
