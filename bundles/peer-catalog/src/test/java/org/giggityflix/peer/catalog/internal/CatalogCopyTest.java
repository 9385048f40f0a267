package org.giggityflix.peer.catalog.internal;

import static org.giggityflix.peer.catalog.internal.TestDatabases.newFile;
import static org.giggityflix.peer.catalog.internal.TestDatabases.query;
import static org.giggityflix.peer.catalog.internal.TestDatabases.queryLong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.giggityflix.peer.api.catalog.CatalogBatch;
import org.giggityflix.peer.api.catalog.CatalogCopy;
import org.giggityflix.peer.api.catalog.CatalogException;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.NewMediaFile;
import org.giggityflix.peer.testsupport.ReadOnlyDir;
import org.giggityflix.peer.testsupport.SmallDisk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code CatalogCopyTest} is responsible for proving that {@code copyTo} (what {@code peer:backup} archives) writes a
 * complete, consistent copy while the catalog is written to, and that a copy that cannot be completed fails clearly
 * and leaves no file behind.
 */
class CatalogCopyTest {

    private static final int BATCH = 100;

    @TempDir
    Path tmp;

    private Path db() {
        return tmp.resolve("catalog.db");
    }

    @Test
    void aCopyHoldsEveryRowAndPassesTheIntegrityCheck() throws IOException {
        Path root = tmp.resolve("media");
        Path target = tmp.resolve("copy.db");
        try (SqliteMediaCatalog catalog = TestDatabases.open(db())) {
            catalog.write(b -> add(b, root, "a/", 250));

            CatalogCopy copy = catalog.copyTo(target);

            assertEquals(new CatalogCopy(target, Schema.MIGRATIONS.size(), 250, Files.size(target)), copy);
            assertEquals("ok", query(target, "PRAGMA integrity_check"));
            assertEquals(250, queryLong(target, "SELECT count(*) FROM media_files"));
            assertEquals(250, queryLong(target, "SELECT count(*) FROM hashes"));
            assertEquals(String.valueOf(Schema.MIGRATIONS.size()), query(target, "PRAGMA user_version"));
            // The catalog goes on as before.
            catalog.write(b -> add(b, root, "b/", 1));
            assertEquals(251, queryLong(db(), "SELECT count(*) FROM media_files"));
            assertEquals(250, queryLong(target, "SELECT count(*) FROM media_files"));
        }
        try (SqliteMediaCatalog restored = TestDatabases.open(target)) {
            MediaFile first = restored.findByPath(root.resolve("a/0.mkv")).orElseThrow();
            assertEquals(Map.of("sha256", "ab".repeat(32)), restored.hashes(first.luid()));
        }
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws IOException {
        Path target = tmp.resolve("precious.db");
        Files.writeString(target, "mine");
        try (SqliteMediaCatalog catalog = TestDatabases.open(db())) {
            CatalogException e = assertThrows(CatalogException.class, () -> catalog.copyTo(target));
            assertTrue(e.getMessage().contains("the file exists"), e.getMessage());
        }
        assertEquals("mine", Files.readString(target));
    }

    /**
     * A scan commits batches of {@value #BATCH} rows while copies are taken: each copy holds whole batches only (one
     * moment of the catalog), at least what was committed before it started and at most what was after it ended.
     */
    @Test
    void aCopyTakenWhileAScanWritesIsOneMomentOfTheCatalog() throws Exception {
        Path root = tmp.resolve("media");
        try (SqliteMediaCatalog catalog = TestDatabases.open(db())) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong committed = new AtomicLong();
            Thread scan = new Thread(() -> {
                for (int i = 0; !stop.get(); i++) {
                    String prefix = "scan-" + i + "/";
                    catalog.writeRecoverable(b -> add(b, root, prefix, BATCH));
                    committed.addAndGet(BATCH);
                }
            }, "scan");
            scan.start();
            List<long[]> seen = new ArrayList<>();
            try {
                while (committed.get() < 3 * BATCH) {
                    Thread.onSpinWait();
                }
                for (int i = 0; i < 5; i++) {
                    long before = committed.get();
                    CatalogCopy copy = catalog.copyTo(tmp.resolve("copy-" + i + ".db"));
                    long after = committed.get() + BATCH; // a batch may commit before its counter moves
                    seen.add(new long[] {before, copy.mediaFiles(), after});
                }
            } finally {
                stop.set(true);
                scan.join();
            }
            for (int i = 0; i < seen.size(); i++) {
                long[] s = seen.get(i);
                Path copy = tmp.resolve("copy-" + i + ".db");
                assertEquals("ok", query(copy, "PRAGMA integrity_check"));
                assertEquals(s[1], queryLong(copy, "SELECT count(*) FROM media_files"));
                assertEquals(s[1], queryLong(copy, "SELECT count(*) FROM hashes"), "hashes of the same moment");
                assertEquals(0, s[1] % BATCH, "whole batches only: " + s[1]);
                assertTrue(s[0] <= s[1] && s[1] <= s[2], s[0] + " <= " + s[1] + " <= " + s[2]);
            }
        }
    }

    @Test
    void aReadOnlyFolderFailsClearlyAndLeavesNothing() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("backups"));
        try (SqliteMediaCatalog catalog = TestDatabases.open(db());
             ReadOnlyDir readOnly = ReadOnlyDir.of(folder)) {
            assumeTrue(readOnly.isReadOnly(), "cannot make a folder read-only here");
            catalog.write(b -> add(b, tmp.resolve("media"), "a/", 10));

            CatalogException e = assertThrows(CatalogException.class,
                    () -> catalog.copyTo(folder.resolve("copy.db")));

            assertTrue(e.getMessage().contains("not writable"), e.getMessage());
            assertEquals(List.of(), list(folder));
            assertEquals(10, catalog.count(new org.giggityflix.peer.api.catalog.MediaQuery(
                    java.util.Set.of(), Optional.empty(), 0, 100)));
        }
    }

    @Test
    void aFullDiskFailsClearlyAndLeavesNothing() throws IOException {
        Optional<SmallDisk> mounted = SmallDisk.mount(tmp.resolve("small"), 64);
        assumeTrue(mounted.isPresent(), "cannot mount a small tmpfs here (needs root)");
        try (SmallDisk disk = mounted.get();
             SqliteMediaCatalog catalog = TestDatabases.open(db())) {
            catalog.write(b -> add(b, tmp.resolve("media"), "a-long-folder-name/".repeat(5), 2_000));

            CatalogException e = assertThrows(CatalogException.class,
                    () -> catalog.copyTo(disk.dir().resolve("copy.db")));

            assertTrue(e.getMessage().startsWith("cannot write the catalog copy " + disk.dir().resolve("copy.db")
                    + ": disk full"), e.getMessage());
            assertEquals(List.of(), list(disk.dir()));
            // The catalog itself is untouched and still takes writes.
            catalog.write(b -> add(b, tmp.resolve("media"), "after/", 1));
            assertEquals(2_001, queryLong(db(), "SELECT count(*) FROM media_files"));
        }
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    private static Void add(CatalogBatch batch, Path root, String prefix, int count) {
        List<NewMediaFile> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            files.add(newFile(root, prefix + i + ".mkv", i));
        }
        for (MediaFile file : batch.addAll(files)) {
            batch.hashes(file.luid(), Map.of("sha256", "ab".repeat(32)));
        }
        return null;
    }
}
