package org.giggityflix.peer.catalog.internal;

import static org.giggityflix.peer.catalog.internal.TestDatabases.newFile;
import static org.giggityflix.peer.catalog.internal.TestDatabases.query;
import static org.giggityflix.peer.catalog.internal.TestDatabases.queryLong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.giggityflix.peer.api.catalog.CatalogException;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaQuery;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code DiskFullTest} is responsible for proving that a write that runs out of space fails clearly, leaves nothing
 * of itself behind and keeps the data before it intact.
 *
 * <p>The "disk" is made full with {@code PRAGMA max_page_count}, which makes SQLite fail with {@code SQLITE_FULL}
 * exactly as when the file system has no space left.
 */
class DiskFullTest {

    private static final int ROWS_BEFORE = 100;

    @TempDir
    Path tmp;

    @Test
    void aWriteThatFillsTheDiskLeavesNothingBehindAndThePreviousDataIntact() {
        Path db = tmp.resolve("catalog.db");
        Path root = tmp.resolve("media");
        try (SqliteMediaCatalog catalog = TestDatabases.open(db)) {
            catalog.write(batch -> addFiles(batch, root, "before/", ROWS_BEFORE));
        }
        long pages = queryLong(db, "PRAGMA page_count");

        try (SqliteMediaCatalog full = new SqliteMediaCatalog(
                TestDatabases.withPragmas(db, "PRAGMA max_page_count = " + (pages + 2)), db)) {
            CatalogException e = assertThrows(CatalogException.class,
                    () -> full.write(batch -> addFiles(batch, root, "too-much/" + "x".repeat(200), 5_000)));

            assertTrue(e.getMessage().startsWith("disk full while writing the catalog: " + db), e.getMessage());
            assertEquals(SqliteErrors.SQLITE_FULL, SqliteErrors.resultCode(e));
            assertEquals(ROWS_BEFORE, full.count(MediaQuery.firstPage(1)));
            // The writer recovers: a write that needs no new page still goes through.
            MediaFile first = full.findByPath(root.resolve("before/0.mkv")).orElseThrow();
            full.write(batch -> batch.status(first.luid(), MediaStatus.READY, Optional.empty()));
        }

        assertEquals("ok", query(db, "PRAGMA integrity_check"));
        try (SqliteMediaCatalog catalog = TestDatabases.open(db)) {
            assertEquals(ROWS_BEFORE, catalog.count(MediaQuery.firstPage(1)));
            assertEquals(1, catalog.countByStatus().get(MediaStatus.READY));
            assertEquals(0, catalog.count(new MediaQuery(java.util.Set.of(), Optional.of("too-much"), 0, 1)));
            assertEquals(ROWS_BEFORE, queryLong(db, "SELECT count(*) FROM hashes"));
        }
    }

    private static Void addFiles(org.giggityflix.peer.api.catalog.CatalogBatch batch, Path root, String prefix,
                                 int count) {
        for (int i = 0; i < count; i++) {
            MediaFile file = batch.add(newFile(root, prefix + i + ".mkv", i));
            batch.hashes(file.luid(), Map.of("sha256", "ab".repeat(32)));
        }
        return null;
    }
}
