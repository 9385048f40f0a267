package org.giggityflix.peer.catalog.internal;

import static org.giggityflix.peer.catalog.internal.TestDatabases.newFile;
import static org.giggityflix.peer.catalog.internal.TestDatabases.query;
import static org.giggityflix.peer.catalog.internal.TestDatabases.queryLong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.giggityflix.peer.api.catalog.CachedScreenshot;
import org.giggityflix.peer.api.catalog.CatalogChange;
import org.giggityflix.peer.api.catalog.CatalogException;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ScanWritesTest} is responsible for what the scanner relies on to write fast and to keep a copy of the
 * catalog: the commit counter ({@code generation}), recoverable writes at {@code synchronous = NORMAL} that leave
 * every other write at {@code FULL}, and the schema without the unused {@code file_key} index.
 */
class ScanWritesTest {

    @TempDir
    Path tmp;

    private Path db() {
        return tmp.resolve("catalog.db");
    }

    @Test
    void generationGrowsByOneWithEveryCommittedWriteWhoeverMadeItAndNotWithARolledBackOne() {
        Path root = tmp.resolve("media");
        try (SqliteMediaCatalog catalog = TestDatabases.open(db())) {
            long start = catalog.generation();
            MediaFile a = catalog.write(batch -> batch.add(newFile(root, "a.mkv", 1)));
            assertEquals(start + 1, catalog.generation());

            long seenInside = catalog.writeRecoverable(batch -> {
                batch.status(a.luid(), MediaStatus.PROCESSING, Optional.empty());
                return catalog.generation();
            });
            assertEquals(start + 1, seenInside, "inside a write: the generation before it");
            assertEquals(start + 2, catalog.generation(), "its commit makes it one higher");

            assertThrows(CatalogException.class, () -> catalog.write(batch -> {
                batch.add(newFile(root, "b.mkv", 2));
                throw new IllegalStateException("boom");
            }));
            assertEquals(start + 2, catalog.generation(), "a rolled-back write changes nothing");

            catalog.remapCatalogId("none", "other");
            assertEquals(start + 3, catalog.generation(), "a remap (even one that found nothing) is a write");
            catalog.put(List.of(new CachedScreenshot(a.luid(), 1.0, 1.0, tmp.resolve("s.jpg"), 10, 4, 3,
                    Instant.EPOCH, Instant.EPOCH)));
            assertEquals(start + 4, catalog.generation(), "the screenshot index is written by someone else too");
        }
    }

    @Test
    void aRecoverableWriteIsAWriteLikeAnyOtherItsRowsAreReadListenedToAndKept() {
        Path root = tmp.resolve("media");
        List<CatalogChange> heard = new CopyOnWriteArrayList<>();
        long luid;
        try (SqliteMediaCatalog catalog = TestDatabases.open(db())) {
            catalog.addListener(heard::addAll);
            luid = catalog.writeRecoverable(batch -> batch.add(newFile(root, "a.mkv", 1))).luid();
            assertEquals(root.resolve("a.mkv"), catalog.find(luid).orElseThrow().path());

            assertThrows(CatalogException.class, () -> catalog.writeRecoverable(batch -> {
                batch.add(newFile(root, "b.mkv", 2));
                throw new IllegalStateException("boom");
            }));
            assertEquals(Optional.empty(), catalog.findByPath(root.resolve("b.mkv")), "rolled back");
        }
        assertEquals(List.of(CatalogChange.Kind.ADDED), heard.stream().map(CatalogChange::kind).toList(),
                "listeners hear the commit (drained on close)");
        try (SqliteMediaCatalog reopened = TestDatabases.open(db())) {
            assertEquals(root.resolve("a.mkv"), reopened.find(luid).orElseThrow().path());
        }
        assertEquals("ok", query(db(), "PRAGMA integrity_check"));
    }

    @Test
    void onlyRecoverableWritesRunAtSynchronousNormalEveryOtherWriteStaysFull() {
        try (SqliteMediaCatalog catalog = TestDatabases.open(db())) {
            // PRAGMA synchronous: 1 = NORMAL, 2 = FULL.
            assertEquals("2", catalog.write(ScanWritesTest::synchronous));
            assertEquals("1", catalog.writeRecoverable(ScanWritesTest::synchronous));
            assertEquals("1", catalog.writeRecoverable(ScanWritesTest::synchronous));
            assertEquals("2", catalog.write(ScanWritesTest::synchronous), "an owner action after a scan batch");
            catalog.remapCatalogId("x", "y");
            assertEquals("2", catalog.write(ScanWritesTest::synchronous));
        }
    }

    private static String synchronous(org.giggityflix.peer.api.catalog.CatalogBatch batch) {
        return ((SqliteCatalogBatch) batch).statements(db -> db.queryString("PRAGMA synchronous"));
    }

    @Test
    void theFileKeyIndexIsGoneFromNewAndFromMigratedDatabasesAndRowsStay() {
        Path root = tmp.resolve("media");
        List<Migration> upToTwo = Schema.MIGRATIONS.subList(0, 2);
        try (SqliteMediaCatalog old = new SqliteMediaCatalog(TestDatabases.sqlite(db()), db(), upToTwo,
                Clock.systemUTC())) {
            old.write(batch -> batch.add(newFile(root, "a.mkv", 1)));
        }
        assertEquals(1, queryLong(db(), "SELECT count(*) FROM sqlite_master WHERE name = 'media_files_file_key'"));

        try (SqliteMediaCatalog migrated = TestDatabases.open(db())) {
            assertTrue(migrated.findByPath(root.resolve("a.mkv")).isPresent());
        }
        assertEquals(0, queryLong(db(), "SELECT count(*) FROM sqlite_master WHERE name = 'media_files_file_key'"));
        assertEquals(String.valueOf(Schema.MIGRATIONS.size()), query(db(), "PRAGMA user_version"));
        assertEquals("ok", query(db(), "PRAGMA integrity_check"));
    }
}
