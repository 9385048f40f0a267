package org.giggityflix.peer.catalog.internal;

import static org.giggityflix.peer.catalog.internal.TestDatabases.newFile;
import static org.giggityflix.peer.catalog.internal.TestDatabases.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaQuery;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.catalog.UncatalogedFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code LargeCatalogTest} is responsible for proving that a library of 100,000 files, added in scan-sized batches,
 * is held completely and answers paging, counting and the bounded offer query correctly (no timing asserted).
 */
class LargeCatalogTest {

    private static final int BATCHES = 20;
    private static final int PER_BATCH = 5_000;
    private static final int TOTAL = BATCHES * PER_BATCH;

    @TempDir
    Path tmp;

    @Test
    void oneHundredThousandFilesInBatches() {
        Path db = tmp.resolve("catalog.db");
        Path root = tmp.resolve("media");
        try (SqliteMediaCatalog catalog = TestDatabases.open(db)) {
            for (int b = 0; b < BATCHES; b++) {
                int batchNumber = b;
                catalog.write(batch -> {
                    for (int i = 0; i < PER_BATCH; i++) {
                        batch.add(newFile(root, String.format("dir-%02d/file-%05d.mkv", batchNumber, i), i));
                    }
                    return null;
                });
            }

            assertEquals(TOTAL, catalog.count(MediaQuery.firstPage(1)));
            assertEquals((long) TOTAL, catalog.countByStatus().get(MediaStatus.PENDING));
            assertEquals(String.valueOf(TOTAL), query(db, "SELECT count(DISTINCT luid) FROM media_files"));
            assertEquals(List.of("dir-10/file-00000.mkv", "dir-10/file-00001.mkv"), relativePaths(
                    catalog.list(new MediaQuery(Set.of(), Optional.empty(), TOTAL / 2, 2))));
            assertEquals(PER_BATCH, catalog.count(new MediaQuery(Set.of(), Optional.of("DIR-07/"), 0, 1)));
            assertEquals(TOTAL, catalog.listUnderRoot(root).size());
            assertTrue(catalog.findByPath(root.resolve("dir-19/file-04999.mkv")).isPresent());

            List<UncatalogedFile> unoffered = catalog.uncatalogedAfter(0, 1000);
            assertEquals(1000, unoffered.size(), "one page");
            assertEquals(1, unoffered.get(0).luid());
            for (int i = 1; i < unoffered.size(); i++) {
                assertTrue(unoffered.get(i).luid() > unoffered.get(i - 1).luid(), "oldest first");
            }
        }
        assertEquals("ok", query(db, "PRAGMA integrity_check"));
        String plan = TestDatabases.queryPlan(db, CatalogIds.WITHOUT_CATALOG_ID_AFTER);
        assertTrue(plan.contains("USING INDEX") && !plan.contains("TEMP B-TREE"), "scans or sorts: " + plan);
    }

    private static List<String> relativePaths(List<MediaFile> files) {
        return files.stream().map(MediaFile::relativePath).toList();
    }
}
