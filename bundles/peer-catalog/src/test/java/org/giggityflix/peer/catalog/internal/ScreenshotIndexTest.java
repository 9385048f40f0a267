package org.giggityflix.peer.catalog.internal;

import static org.giggityflix.peer.catalog.internal.TestDatabases.newFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.giggityflix.peer.api.catalog.CachedScreenshot;
import org.giggityflix.peer.api.catalog.CatalogException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ScreenshotIndexTest} is responsible for proving the screenshot rows survive reopening, order eviction by last
 * use, and go with their file's content: on a content change, and when the file's row is removed.
 */
class ScreenshotIndexTest {

    @TempDir
    Path tmp;

    private Path db() {
        return tmp.resolve("catalog.db");
    }

    private CachedScreenshot row(long luid, double position, long size, long lastUsed) {
        return new CachedScreenshot(luid, position, position + 0.1, tmp.resolve(luid + "-" + position + ".jpg"), size,
                640, 360, Instant.ofEpochSecond(1), Instant.ofEpochSecond(lastUsed));
    }

    @Test
    void rowsSurviveReopeningAndComeLeastRecentlyUsedFirst() {
        long a;
        long b;
        try (SqliteMediaCatalog catalog = TestDatabases.open(db())) {
            a = catalog.write(batch -> batch.add(newFile(tmp, "a.mkv", 1))).luid();
            b = catalog.write(batch -> batch.add(newFile(tmp, "b.mkv", 1))).luid();
            catalog.put(List.of(row(a, 10.5, 100, 30), row(a, 2.25, 200, 10), row(b, 1.0, 50, 20)));
        }
        try (SqliteMediaCatalog catalog = TestDatabases.open(db())) {
            assertEquals(350, catalog.totalSize());
            assertEquals(List.of(2.25, 10.5), catalog.screenshots(a).stream()
                    .map(CachedScreenshot::positionSeconds).toList());
            assertEquals(List.of(10L, 20L, 30L), catalog.all().stream()
                    .map(r -> r.lastUsed().getEpochSecond()).toList());
            assertEquals(row(a, 2.25, 200, 10), catalog.screenshots(a).get(0));

            catalog.touch(List.of(row(a, 2.25, 0, 0)), Instant.ofEpochSecond(99));
            assertEquals(b, catalog.all().get(0).luid());
            catalog.remove(List.of(row(b, 1.0, 0, 0), row(b, 7.0, 0, 0)));
            assertEquals(300, catalog.totalSize());
        }
    }

    @Test
    void aContentChangeDropsTheFilesScreenshotsAndARemovedRowTakesThemAlong() {
        try (SqliteMediaCatalog catalog = TestDatabases.open(db())) {
            long a = catalog.write(batch -> batch.add(newFile(tmp, "a.mkv", 1))).luid();
            long b = catalog.write(batch -> batch.add(newFile(tmp, "b.mkv", 1))).luid();
            catalog.put(List.of(row(a, 1, 10, 1), row(b, 1, 10, 1)));

            catalog.write(batch -> batch.changed(a, 2, Instant.ofEpochSecond(5), Optional.empty()));
            assertEquals(List.of(), catalog.screenshots(a));

            // b is deleted, then another file moves onto its path: b's row is removed, its screenshots with it.
            long c = catalog.write(batch -> batch.add(newFile(tmp, "c.mkv", 1))).luid();
            catalog.write(batch -> {
                batch.deleted(b);
                return batch.moved(c, tmp.resolve("b.mkv"), tmp, "b.mkv", Instant.EPOCH, Optional.empty());
            });
            assertEquals(0, catalog.totalSize());
        }
    }

    @Test
    void aRowForAnUnknownFileIsRefusedWhole() {
        try (SqliteMediaCatalog catalog = TestDatabases.open(db())) {
            long a = catalog.write(batch -> batch.add(newFile(tmp, "a.mkv", 1))).luid();

            assertThrows(CatalogException.class, () -> catalog.put(List.of(row(a, 1, 10, 1), row(a + 100, 1, 10, 1))));

            assertTrue(catalog.screenshots(a).isEmpty(), "the valid row was rolled back with the invalid one");
        }
    }
}
