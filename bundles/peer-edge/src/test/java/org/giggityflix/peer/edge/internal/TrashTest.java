package org.giggityflix.peer.edge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
 * namesake, and removed for good only once its retention has passed; and that a trash at its cap, or a copy from
 * another drive with no room to spare, refuses the file and leaves it where it was.
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

    /** A drive of {@code total} bytes with {@code usable} free; {@code sameDrive}: deleted files are on it too. */
    private static Trash.Drives drive(long total, long usable, boolean sameDrive) {
        return new Trash.Drives() {
            @Override
            public long total(Path path) {
                return total;
            }

            @Override
            public long usable(Path path) {
                return usable;
            }

            @Override
            public boolean same(Path a, Path b) {
                return sameDrive;
            }
        };
    }

    private Trash trashOf(int maxPercent, Trash.Drives drives) {
        return new Trash(dir, Clock.fixed(Instant.parse("2026-11-01T12:00:00Z"), ZoneOffset.UTC), maxPercent, drives);
    }

    @Test
    void aFileThatWouldPassTheCapStaysWhereItIs() throws Exception {
        // A 100,000-byte drive with a 10 % cap: 10,000 bytes of trash.
        Trash trash = trashOf(10, drive(100_000, 90_000, true));
        Path first = trash.moveIn(Files.write(dir.resolve("first.mkv"), new byte[6_000]), 1);

        Path second = Files.write(dir.resolve("second.mkv"), new byte[5_000]);
        Trash.Full full = assertThrows(Trash.Full.class, () -> trash.moveIn(second, 2));

        assertTrue(full.getMessage().contains("the trash is at its cap"), full.getMessage());
        assertTrue(full.getMessage().contains("trashMaxPercent"), full.getMessage());
        assertTrue(Files.exists(second), "the refused file is untouched");
        assertEquals(5_000, Files.size(second));
        assertTrue(Files.exists(first));
        Path small = trash.moveIn(Files.write(dir.resolve("small.mkv"), new byte[4_000]), 3);
        assertTrue(Files.exists(small), "what still fits under the cap is taken");
    }

    @Test
    void aCopyFromAnotherDriveWithoutRoomToSpareIsRefused() throws Exception {
        // Plenty of cap (100 %), but the trash's 4 GiB drive has 70 MiB free and 64 MiB must stay free.
        Trash trash = trashOf(100, drive(4L << 30, 70L << 20, false));
        Path film = Files.write(dir.resolve("film.mkv"), new byte[8 << 20]);

        Trash.Full full = assertThrows(Trash.Full.class, () -> trash.moveIn(film, 4));

        assertTrue(full.getMessage().contains("no room to copy the file into the trash"), full.getMessage());
        assertTrue(Files.exists(film), "the file is still where it was");
        assertEquals(8 << 20, Files.size(film));
        try (var days = Files.list(dir.resolve("trash"))) {
            assertEquals(0, days.count(), "nothing was copied");
        }

        Path fits = Files.write(dir.resolve("short.mkv"), new byte[1 << 20]);
        assertTrue(Files.exists(trash.moveIn(fits, 5)), "a file that leaves room is copied");
        assertFalse(Files.exists(fits));
    }
}
