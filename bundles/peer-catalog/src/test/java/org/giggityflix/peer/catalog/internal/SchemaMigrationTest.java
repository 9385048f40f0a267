package org.giggityflix.peer.catalog.internal;

import static org.giggityflix.peer.catalog.internal.TestDatabases.newFile;
import static org.giggityflix.peer.catalog.internal.TestDatabases.query;
import static org.giggityflix.peer.catalog.internal.TestDatabases.queryLong;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.giggityflix.peer.api.catalog.CatalogException;
import org.giggityflix.peer.api.catalog.MediaQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code SchemaMigrationTest} is responsible for proving that each migration runs exactly once, all-or-nothing,
 * and that the connection settings the catalog relies on (WAL, foreign keys) are in force.
 */
class SchemaMigrationTest {

    private static final int NEXT = Schema.MIGRATIONS.size() + 1;

    /** Not idempotent on purpose: a second run fails on the existing table and adds a second row. */
    private static final Migration COUNTED = new Migration(NEXT, "counted", List.of(
            "CREATE TABLE migration_runs (n INTEGER)",
            "INSERT INTO migration_runs VALUES (1)"));

    @TempDir
    Path tmp;

    private Path db() {
        return tmp.resolve("catalog.db");
    }

    private SqliteMediaCatalog open(List<Migration> migrations) {
        return new SqliteMediaCatalog(TestDatabases.sqlite(db()), db(), migrations, Clock.systemUTC());
    }

    private static List<Migration> withSecond(Migration second) {
        List<Migration> migrations = new ArrayList<>(Schema.MIGRATIONS);
        migrations.add(second);
        return migrations;
    }

    /**
     * Migration 5 (the library's orders) on a catalog that already holds files: the file-name order, a column
     * computed from the stored path, is there for every existing row at once, lower-cased as the writes stored it.
     */
    @Test
    void aCatalogWithFilesGetsTheLibraryOrdersForItsExistingRows() {
        Path root = tmp.resolve("media");
        try (SqliteMediaCatalog catalog = open(Schema.MIGRATIONS.subList(0, 4))) {
            catalog.write(batch -> batch.addAll(List.of(newFile(root, "Zoo/Été.mkv", 3), newFile(root, "b.mkv", 1),
                    newFile(root, "a/Ab.mkv", 2), newFile(root, "y/été 2.mkv", 4))));
        }
        try (SqliteMediaCatalog catalog = open(Schema.MIGRATIONS)) {
            assertEquals(5, catalog.appliedMigrations().get(0).version());
            MediaQuery byName = MediaQuery.firstPage(10).sortedBy(MediaQuery.Sort.NAME, false);
            assertEquals(List.of("a/Ab.mkv", "b.mkv", "y/été 2.mkv", "Zoo/Été.mkv"),
                    catalog.list(byName).stream().map(f -> f.relativePath()).toList());
            assertEquals(List.of("y/été 2.mkv", "Zoo/Été.mkv", "a/Ab.mkv", "b.mkv"), catalog.list(
                    MediaQuery.firstPage(10).sortedBy(MediaQuery.Sort.SIZE, true)).stream()
                    .map(f -> f.relativePath()).toList());
        }
        assertEquals("ok", query(db(), "PRAGMA integrity_check"));
    }

    @Test
    void aNewDatabaseGetsTheWholeSchemaInWalMode() {
        try (SqliteMediaCatalog catalog = open(Schema.MIGRATIONS)) {
            assertEquals(Schema.MIGRATIONS, catalog.appliedMigrations());
        }

        assertEquals(String.valueOf(Schema.MIGRATIONS.size()), query(db(), "PRAGMA user_version"));
        assertEquals("wal", query(db(), "PRAGMA journal_mode"));
        assertEquals(2, queryLong(db(), "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                + " AND name IN ('media_files', 'hashes')"));
        assertEquals("ok", query(db(), "PRAGMA integrity_check"));
    }

    @Test
    void reopeningRunsNoMigrationTwice() {
        try (SqliteMediaCatalog catalog = open(withSecond(COUNTED))) {
            assertEquals(NEXT, catalog.appliedMigrations().size());
            catalog.write(batch -> batch.add(newFile(tmp, "a.mkv", 1)));
        }
        for (int i = 0; i < 3; i++) {
            try (SqliteMediaCatalog catalog = open(withSecond(COUNTED))) {
                assertEquals(List.of(), catalog.appliedMigrations());
                assertEquals(1, catalog.count(MediaQuery.firstPage(10)));
            }
        }

        assertEquals(1, queryLong(db(), "SELECT count(*) FROM migration_runs"));
    }

    @Test
    void aLaterMigrationRunsAloneOnAnExistingDatabaseAndKeepsItsData() {
        try (SqliteMediaCatalog catalog = open(Schema.MIGRATIONS)) {
            catalog.write(batch -> batch.add(newFile(tmp, "a.mkv", 1)));
        }

        try (SqliteMediaCatalog catalog = open(withSecond(COUNTED))) {
            assertEquals(List.of(COUNTED), catalog.appliedMigrations());
            assertEquals(1, catalog.count(MediaQuery.firstPage(10)));
        }
        assertEquals(String.valueOf(NEXT), query(db(), "PRAGMA user_version"));
    }

    @Test
    void aFailingMigrationLeavesThePreviousVersionWhole() {
        try (SqliteMediaCatalog catalog = open(Schema.MIGRATIONS)) {
            catalog.write(batch -> batch.add(newFile(tmp, "a.mkv", 1)));
        }
        Migration broken = new Migration(NEXT, "broken", List.of(
                "CREATE TABLE half_done (n INTEGER)",
                "THIS IS NOT SQL"));

        CatalogException e = assertThrows(CatalogException.class, () -> open(withSecond(broken)));

        assertTrue(e.getMessage().contains("migration " + NEXT + " (broken) failed"), e.getMessage());
        assertEquals(String.valueOf(NEXT - 1), query(db(), "PRAGMA user_version"));
        assertEquals(0, queryLong(db(), "SELECT count(*) FROM sqlite_master WHERE name = 'half_done'"));
        try (SqliteMediaCatalog catalog = open(Schema.MIGRATIONS)) {
            assertEquals(1, catalog.count(MediaQuery.firstPage(10)));
        }
    }

    @Test
    void aDatabaseFromANewerPeerIsRefusedAndLeftAlone() throws Exception {
        try (SqliteMediaCatalog catalog = open(withSecond(COUNTED))) {
            catalog.write(batch -> batch.add(newFile(tmp, "a.mkv", 1)));
        }
        byte[] before = Files.readAllBytes(db());

        CatalogException e = assertThrows(CatalogException.class, () -> open(Schema.MIGRATIONS));

        assertTrue(e.getMessage().contains("newer peer"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(db()));
    }

    @Test
    void migrationVersionsMustRunWithoutGaps() {
        assertThrows(IllegalArgumentException.class,
                () -> Schema.checked(List.of(new Migration(2, "gap", List.of()))));
        assertEquals(Schema.MIGRATIONS, Schema.checked(Schema.MIGRATIONS));
    }

    @Test
    void foreignKeysAreEnforcedOnTheWriter() {
        try (SqliteMediaCatalog catalog = open(Schema.MIGRATIONS)) {
            long luid = catalog.write(batch -> batch.add(newFile(tmp, "a.mkv", 1))).luid();
            catalog.write(batch -> batch.hashes(luid, java.util.Map.of("md5", "00")));
            // Moving another file onto a deleted row's path removes that row: its hashes must go with it.
            long other = catalog.write(batch -> batch.add(newFile(tmp, "b.mkv", 1))).luid();
            catalog.write(batch -> {
                batch.deleted(luid);
                return batch.moved(other, tmp.resolve("a.mkv"), tmp, "a.mkv", java.time.Instant.EPOCH,
                        java.util.Optional.empty());
            });
        }

        assertEquals(0, queryLong(db(), "SELECT count(*) FROM hashes"));
    }
}
