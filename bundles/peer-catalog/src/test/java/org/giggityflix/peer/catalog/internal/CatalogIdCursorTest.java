package org.giggityflix.peer.catalog.internal;

import static org.giggityflix.peer.catalog.internal.TestDatabases.newFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.giggityflix.peer.api.catalog.CatalogListener;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaQuery;
import org.giggityflix.peer.api.catalog.UncatalogedFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code CatalogIdCursorTest} is responsible for proving the Edge link's two catalog calls on SQLite: paging the
 * uncataloged rows by luid while rows are cataloged and added between pages, and storing many catalog ids at once
 * with the bad ones skipped and the others kept.
 */
class CatalogIdCursorTest {

    @TempDir
    Path tmp;

    private Path db;
    private Path root;
    private SqliteMediaCatalog catalog;

    @BeforeEach
    void setUp() {
        db = tmp.resolve("catalog.db");
        root = tmp.resolve("media");
        catalog = TestDatabases.open(db);
    }

    @AfterEach
    void tearDown() {
        catalog.close();
    }

    private MediaFile add(String relativePath) {
        return catalog.write(batch -> batch.add(newFile(root, relativePath, 1)));
    }

    private List<Long> page(long afterLuid, int limit) {
        return catalog.uncatalogedAfter(afterLuid, limit).stream().map(UncatalogedFile::luid).toList();
    }

    @Test
    void pagesByLuidSeeRowsCatalogedDeletedAndAddedBetweenPages() {
        List<MediaFile> rows = new ArrayList<>();
        for (String name : List.of("e.mkv", "d.mkv", "c.mkv", "b.mkv", "a.mkv")) {
            rows.add(add(name));
        }
        long first = rows.get(0).luid();

        // Luid order, not path order: e, d (the paths sort the other way).
        assertEquals(List.of(first, first + 1), page(0, 2));

        // Between pages: the next page's first row gets its id, the second leaves the disk, a new row arrives.
        catalog.storeCatalogIds(Map.of(first + 2, "cat-c"));
        catalog.write(batch -> batch.deleted(first + 3));
        MediaFile added = add("f.mkv");

        assertEquals(List.of(first + 4, added.luid()), page(first + 1, 2));
        assertEquals(List.of(), page(added.luid(), 2), "after the last row");
        // Page one is unchanged by what happened after it (a cursor, not an offset).
        assertEquals(List.of(first, first + 1), page(0, 2));
        assertEquals(new UncatalogedFile(first + 4, "a.mkv", 1), catalog.uncatalogedAfter(first + 1, 1).get(0),
                "luid, relative path and size of the row");
        assertThrows(IllegalArgumentException.class, () -> catalog.uncatalogedAfter(0, 0));
    }

    @Test
    void storesManyCatalogIdsAtOnceSkippingTheBadOnesWithoutLosingTheOthers() {
        MediaFile a = add("a.mkv");
        MediaFile b = add("b.mkv");
        MediaFile c = add("c.mkv");
        MediaFile d = add("d.mkv");
        MediaFile held = add("held.mkv");
        catalog.storeCatalogIds(Map.of(held.luid(), "cat-taken"));
        awaitEverythingTold(); // listeners are told on a thread of their own: the adds above must not reach the next
        List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        CatalogListener listener = changes -> changes.forEach(ch -> told.add(ch.file().relativePath()));
        catalog.addListener(listener);

        Map<Long, String> ids = new LinkedHashMap<>();
        ids.put(a.luid(), "cat-a \"quoted\" \\ back\tslash ü \uD83C\uDFAC\u0001");
        ids.put(b.luid(), "cat-taken");
        ids.put(c.luid(), "   ");
        ids.put(d.luid(), "cat-d");
        ids.put(9_999L, "cat-nobody");
        ids.put(-5L, "cat-negative");
        ids.put(Long.MIN_VALUE, "cat-min");
        ids.put(Long.MAX_VALUE, "cat-max");
        int stored = catalog.storeCatalogIds(ids);

        assertEquals(2, stored, "a and d");
        assertEquals(Optional.of("cat-a \"quoted\" \\ back\tslash ü \uD83C\uDFAC\u0001"),
                catalog.find(a.luid()).orElseThrow().catalogId());
        assertEquals(Optional.of("cat-d"), catalog.find(d.luid()).orElseThrow().catalogId());
        assertEquals(Optional.empty(), catalog.find(b.luid()).orElseThrow().catalogId(), "id held by another row");
        assertEquals(Optional.empty(), catalog.find(c.luid()).orElseThrow().catalogId(), "blank id");
        assertEquals(held.luid(), catalog.findByCatalogId("cat-taken").orElseThrow().luid());
        for (String nobody : List.of("cat-nobody", "cat-negative", "cat-min", "cat-max")) {
            assertTrue(catalog.findByCatalogId(nobody).isEmpty(), nobody);
        }
        assertEquals(List.of(b.luid(), c.luid()), page(0, 10));
        // Storing the same ids again changes nothing and still counts them as held.
        assertEquals(1, catalog.storeCatalogIds(Map.of(d.luid(), "cat-d")));
        assertEquals(0, catalog.storeCatalogIds(Map.of()));
        // Listeners hear changes in commit order: once a later write is told, the ids would have been too.
        add("later.mkv");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!told.contains("later.mkv") && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        catalog.removeListener(listener);
        assertEquals(List.of("later.mkv"), List.copyOf(told), "only the later write is told");
    }

    /** Returns once every change committed so far has been told (changes are told in commit order). */
    private void awaitEverythingTold() {
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        CatalogListener barrier = changes -> changes.forEach(ch -> heard.add(ch.file().relativePath()));
        catalog.addListener(barrier);
        MediaFile row = add("barrier.mkv");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!heard.contains("barrier.mkv") && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        catalog.removeListener(barrier);
        assertTrue(heard.contains("barrier.mkv"), "the catalog's listeners were not told within 10 s");
        catalog.storeCatalogIds(Map.of(row.luid(), "cat-barrier")); // not one of the uncataloged files the test pages
    }

    @Test
    void countsEveryUncatalogedRowBeyondTheListsPage() {
        int rows = MediaQuery.MAX_LIMIT + 7;
        List<org.giggityflix.peer.api.catalog.NewMediaFile> files = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            files.add(newFile(root, "show/e" + i + ".mkv", 1));
        }
        List<MediaFile> added = catalog.write(batch -> batch.addAll(files));
        catalog.storeCatalogIds(Map.of(added.get(0).luid(), "cat-0", added.get(1).luid(), "cat-1"));
        catalog.write(batch -> batch.deleted(added.get(2).luid()));

        assertEquals(rows - 3, catalog.countUncataloged(), "the count is not: neither cataloged nor deleted rows");
        String plan = TestDatabases.queryPlan(db, CatalogIds.COUNT_WITHOUT_CATALOG_ID);
        assertTrue(plan.contains("USING") && plan.contains("INDEX"), "a heartbeat should not scan the table: " + plan);
    }

    @Test
    void theCursorQueryAndTheStoreUseIndexesNotScans() {
        add("a.mkv");
        String page = TestDatabases.queryPlan(db, CatalogIds.WITHOUT_CATALOG_ID_AFTER);
        assertTrue(page.contains("USING INDEX") && !page.contains("TEMP B-TREE"), "scans or sorts: " + page);
        String store = TestDatabases.queryPlan(db, CatalogIds.STORE_CATALOG_IDS);
        assertTrue(store.contains("INTEGER PRIMARY KEY") && !store.contains("SCAN media_files"),
                "each id should be one lookup by luid: " + store);
    }
}
