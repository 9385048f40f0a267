package org.giggityflix.peer.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.giggityflix.peer.api.catalog.CatalogException;
import org.giggityflix.peer.api.catalog.EdgeCatalog;
import org.giggityflix.peer.api.catalog.EdgeCatalog.RemapResult;
import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.giggityflix.peer.api.catalog.MediaQuery;
import org.giggityflix.peer.api.catalog.MediaQuery.Sort;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.catalog.NewMediaFile;
import org.giggityflix.peer.api.catalog.UncatalogedFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code MediaCatalogContract} is responsible for the behaviour every {@link MediaCatalog} shares, written once and
 * run against each implementation (the SQLite catalog in peer-catalog, {@link InMemoryCatalog} here), so that a test
 * double cannot drift from the real catalog: lookups, the library's filters, orders and pages, status writes, the
 * Edge's catalog ids and remaps, digests, the rows of a media root, the uncataloged cursor, and all-or-nothing
 * writes. An implementation's test extends it and says how to open and close an empty catalog, which is also the
 * {@link EdgeCatalog} (both implementations publish the two).
 */
public abstract class MediaCatalogContract {

    private static final Instant T = Instant.parse("2024-05-01T10:15:30.123456789Z");

    @TempDir
    protected Path tmp;

    protected MediaCatalog catalog;
    /** The same catalog, as the Edge link sees it. */
    protected EdgeCatalog edge;
    protected Path root;

    /** An empty catalog keeping whatever it needs under {@code dir}; also an {@link EdgeCatalog}. */
    protected abstract MediaCatalog open(Path dir);

    /** Releases what {@link #open} took; nothing by default. */
    protected void close(MediaCatalog opened) {
    }

    @BeforeEach
    void openCatalog() {
        root = tmp.resolve("media").toAbsolutePath().normalize();
        catalog = open(tmp);
        edge = (EdgeCatalog) catalog;
    }

    @AfterEach
    void closeCatalog() {
        close(catalog);
    }

    private NewMediaFile file(String relativePath, long size, long modifiedSeconds) {
        return new NewMediaFile(root.resolve(relativePath), root, relativePath, size, T.plusSeconds(modifiedSeconds),
                Optional.empty());
    }

    private MediaFile add(String relativePath, long size) {
        return catalog.write(batch -> batch.add(file(relativePath, size, 0)));
    }

    private static List<String> paths(List<MediaFile> files) {
        return files.stream().map(MediaFile::relativePath).toList();
    }

    // --- lookups ---------------------------------------------------------------------------------------------

    @Test
    void aFileIsFoundByLuidByPathAndOnceItHasOneByCatalogId() {
        MediaFile added = catalog.write(batch -> batch.add(file("a/film.mkv", 1234, 7)));

        MediaFile found = catalog.find(added.luid()).orElseThrow();
        assertEquals(root.resolve("a/film.mkv"), found.path());
        assertEquals(root, found.mediaRoot());
        assertEquals("a/film.mkv", found.relativePath());
        assertEquals(1234, found.size());
        assertEquals(T.plusSeconds(7), found.modified());
        assertEquals(MediaStatus.PENDING, found.status());
        assertTrue(found.catalogId().isEmpty() && found.metadata().isEmpty() && found.error().isEmpty());
        assertEquals(added.luid(), catalog.findByPath(root.resolve("a/./b/../film.mkv")).orElseThrow().luid(),
                "a path is looked up normalized");
        assertTrue(catalog.find(added.luid() + 1000).isEmpty());
        assertTrue(catalog.findByPath(root.resolve("a/other.mkv")).isEmpty());
        assertTrue(catalog.findByCatalogId("edge-1").isEmpty());

        catalog.write(batch -> batch.catalogId(added.luid(), "edge-1"));
        assertEquals(added.luid(), catalog.findByCatalogId("edge-1").orElseThrow().luid());
        assertEquals(Optional.of("edge-1"), catalog.find(added.luid()).orElseThrow().catalogId());
    }

    @Test
    void addingAHeldPathAgainKeepsItsRowAndADeletedOneComesBackPendingWithItsLuid() {
        MediaFile first = add("a.mkv", 10);
        assertEquals(first.luid(), add("a.mkv", 10).luid());
        catalog.write(batch -> batch.deleted(first.luid()));
        MediaFile back = add("a.mkv", 10);
        assertEquals(first.luid(), back.luid());
        assertEquals(MediaStatus.PENDING, back.status());
        assertEquals(1, catalog.count(MediaQuery.firstPage(10)));
    }

    // --- the library: filters, orders, pages -----------------------------------------------------------------

    /**
     * Seven files whose every order is written out by hand below: a 1, b 2, c 3, d 4 (deleted), e 5 (error), f 6 and
     * g 7 (ready, with durations).
     */
    private Map<String, Long> library() {
        Map<String, Long> luids = new LinkedHashMap<>();
        catalog.write(batch -> {
            luids.put("a", batch.add(file("Films/Été.mkv", 300, 5)).luid());
            luids.put("b", batch.add(file("films/ab.MP4", 100, 1)).luid());
            luids.put("c", batch.add(file("zoo/Zebra.mkv", 300, 5)).luid());
            luids.put("d", batch.add(file("b_c%d.mkv", 50, 4)).luid());
            luids.put("e", batch.add(file("ÉTÉ/x.avi", 200, 3)).luid());
            luids.put("f", batch.add(file("abc.mkv", 100, 2)).luid());
            luids.put("g", batch.add(file("deep/Abc.mkv", 400, 0)).luid());
            return null;
        });
        catalog.write(batch -> {
            batch.deleted(luids.get("d"));
            batch.status(luids.get("e"), MediaStatus.ERROR, Optional.of("not a video"));
            batch.status(luids.get("f"), MediaStatus.READY, Optional.empty());
            batch.status(luids.get("g"), MediaStatus.READY, Optional.empty());
            batch.metadata(luids.get("f"), new MediaMetadata(10.0, 640, 480, "h264", "aac", 1L, 25.0, "mp4"));
            batch.metadata(luids.get("g"), new MediaMetadata(5.0, 640, 480, "h264", "aac", 1L, 25.0, "mp4"));
            return null;
        });
        return luids;
    }

    private List<String> names(MediaQuery query, Map<String, Long> luids) {
        Map<Long, String> byLuid = new LinkedHashMap<>();
        luids.forEach((name, luid) -> byLuid.put(luid, name));
        return catalog.list(query).stream().map(f -> byLuid.get(f.luid())).toList();
    }

    @Test
    void everyOrderAscendingAndItsExactReverseDescending() {
        Map<String, Long> luids = library();
        Map<Sort, List<String>> expected = Map.of(
                // Code point order: 'F' < 'a' < 'd' < 'f' < 'z' < 'É'.
                Sort.PATH, List.of("a", "f", "g", "b", "c", "e"),
                // ab.mp4 < abc.mkv (f, g: the same name, so by luid) < x.avi < zebra.mkv < été.mkv.
                Sort.NAME, List.of("b", "f", "g", "e", "c", "a"),
                Sort.SIZE, List.of("b", "f", "e", "a", "c", "g"),
                Sort.MODIFIED, List.of("g", "b", "f", "e", "a", "c"),
                Sort.DISCOVERED, List.of("a", "b", "c", "e", "f", "g"),
                // Without a duration first (by luid), then 5 s, 10 s.
                Sort.DURATION, List.of("a", "b", "c", "e", "g", "f"),
                Sort.STATUS, List.of("e", "a", "b", "c", "f", "g"));
        for (Sort sort : Sort.values()) {
            MediaQuery query = MediaQuery.firstPage(100).sortedBy(sort, false);
            assertEquals(expected.get(sort), names(query, luids), sort + " ascending");
            List<String> reversed = new ArrayList<>(expected.get(sort));
            Collections.reverse(reversed);
            assertEquals(reversed, names(query.sortedBy(sort, true), luids), sort + " descending");
        }
    }

    @Test
    void filtersByStatusesAndCaseInsensitiveLiteralText() {
        Map<String, Long> luids = library();
        MediaQuery all = MediaQuery.firstPage(100);
        assertEquals(List.of("a", "f", "g", "b", "c", "e"), names(all, luids), "every status but deleted");
        assertEquals(List.of("f", "g"), names(new MediaQuery(Set.of(MediaStatus.READY), Optional.empty(), 0, 100),
                luids));
        MediaQuery errorOrDeleted = new MediaQuery(Set.of(MediaStatus.ERROR, MediaStatus.DELETED), Optional.empty(),
                0, 100);
        assertEquals(List.of("d", "e"), names(errorOrDeleted, luids));
        assertEquals(List.of("a", "e"), names(new MediaQuery(Set.of(), Optional.of("été"), 0, 100), luids),
                "case-insensitive beyond ASCII");
        assertEquals(List.of(), names(new MediaQuery(Set.of(), Optional.of("C%D"), 0, 100), luids),
                "the only match is deleted");
        assertEquals(List.of("d"), names(new MediaQuery(Set.of(MediaStatus.DELETED), Optional.of("_C%D"), 0, 100),
                luids), "% and _ are literal");
        assertEquals(List.of(), names(new MediaQuery(Set.of(), Optional.of("b%c"), 0, 100), luids),
                "% is not a wildcard");
        assertEquals(List.of("g", "c"), names(new MediaQuery(Set.of(), Optional.of("/"), 0, 100)
                .sortedBy(Sort.SIZE, true).page(0, 2), luids), "a filter, an order and a page together");
        assertEquals(5, catalog.count(new MediaQuery(Set.of(), Optional.of("/"), 0, 1)), "count ignores paging");
    }

    @Test
    void pagesSplitTheWholeOrderAndTheCountIgnoresPaging() {
        Map<String, Long> luids = library();
        MediaQuery byName = MediaQuery.firstPage(2).sortedBy(Sort.NAME, false);
        assertEquals(List.of("b", "f"), names(byName, luids));
        assertEquals(List.of("g", "e"), names(byName.page(2, 2), luids));
        assertEquals(List.of("c", "a"), names(byName.page(4, 2), luids));
        assertEquals(List.of("a"), names(byName.page(5, 10), luids));
        assertEquals(List.of(), names(byName.page(6, 2), luids));
        assertEquals(6, catalog.count(byName.page(4, 1)));
        assertEquals(2, catalog.count(new MediaQuery(Set.of(MediaStatus.ERROR, MediaStatus.DELETED),
                Optional.empty(), 5, 1)));
    }

    // --- statuses --------------------------------------------------------------------------------------------

    @Test
    void statusWritesKeepTheErrorOnlyForErrorAndDeletedRowsLeaveTheLibrary() {
        long luid = add("a.mkv", 1).luid();
        add("b.mkv", 1);

        catalog.write(batch -> batch.status(luid, MediaStatus.ERROR, Optional.of("truncated")));
        assertEquals(Optional.of("truncated"), catalog.find(luid).orElseThrow().error());
        catalog.write(batch -> batch.status(luid, MediaStatus.READY, Optional.of("ignored")));
        MediaFile ready = catalog.find(luid).orElseThrow();
        assertEquals(MediaStatus.READY, ready.status());
        assertTrue(ready.error().isEmpty(), "an error only goes with ERROR");

        catalog.write(batch -> batch.deleted(luid));
        assertEquals(MediaStatus.DELETED, catalog.find(luid).orElseThrow().status(), "the row is kept as history");
        assertEquals(List.of("b.mkv"), paths(catalog.list(MediaQuery.firstPage(10))));
        Map<MediaStatus, Long> counts = catalog.countByStatus();
        assertEquals(Set.of(MediaStatus.values()), counts.keySet());
        assertEquals(1L, counts.get(MediaStatus.DELETED));
        assertEquals(1L, counts.get(MediaStatus.PENDING));
        assertEquals(0L, counts.get(MediaStatus.READY));

        List<MediaFile> marked = catalog.write(batch -> batch.statusAll(List.of(
                catalog.findByPath(root.resolve("b.mkv")).orElseThrow().luid()), MediaStatus.PROCESSING));
        assertEquals(MediaStatus.PROCESSING, marked.get(0).status());
        assertThrows(CatalogException.class, () -> catalog.write(batch ->
                batch.status(luid + 1000, MediaStatus.READY, Optional.empty())), "an unknown luid");
    }

    // --- catalog ids and remaps ------------------------------------------------------------------------------

    @Test
    void aCatalogIdIsUniqueAndAWriteThatBreaksThatKeepsNothing() {
        long a = add("a.mkv", 1).luid();
        long b = add("b.mkv", 1).luid();
        catalog.write(batch -> batch.catalogId(a, "x"));
        catalog.write(batch -> batch.catalogId(a, "x"));

        assertThrows(CatalogException.class, () -> catalog.write(batch -> {
            batch.status(b, MediaStatus.READY, Optional.empty());
            return batch.catalogId(b, "x");
        }));
        MediaFile untouched = catalog.find(b).orElseThrow();
        assertTrue(untouched.catalogId().isEmpty());
        assertEquals(MediaStatus.PENDING, untouched.status(), "the failed write's other change is rolled back");
        assertThrows(CatalogException.class, () -> catalog.write(batch -> batch.catalogId(b, " ")));
    }

    @Test
    void manyCatalogIdsAreStoredSkippingBlankUnknownAndHeldOnes() {
        long a = add("a.mkv", 1).luid();
        long b = add("b.mkv", 1).luid();
        long c = add("c.mkv", 1).luid();
        long d = add("d.mkv", 1).luid();
        catalog.write(batch -> batch.catalogId(a, "held"));

        Map<Long, String> ids = new LinkedHashMap<>();
        ids.put(b, "held");
        ids.put(c, "new");
        ids.put(d, "  ");
        ids.put(d + 1000, "nobody");
        assertEquals(1, edge.storeCatalogIds(ids));
        assertEquals(Optional.of("new"), catalog.find(c).orElseThrow().catalogId());
        assertTrue(catalog.find(b).orElseThrow().catalogId().isEmpty());
        assertTrue(catalog.find(d).orElseThrow().catalogId().isEmpty());
        assertEquals(0, edge.storeCatalogIds(Map.of()));
    }

    @Test
    void aRemapMovesAnIdOrSaysWhyNot() {
        long a = add("a.mkv", 1).luid();
        long b = add("b.mkv", 1).luid();
        catalog.write(batch -> batch.catalogId(a, "old"));
        catalog.write(batch -> batch.catalogId(b, "other"));

        assertEquals(RemapResult.UNKNOWN_OLD_ID, edge.remapCatalogId("missing", "new"));
        assertEquals(RemapResult.NEW_ID_IN_USE, edge.remapCatalogId("old", "other"));
        assertEquals(Optional.of("old"), catalog.find(a).orElseThrow().catalogId(), "nothing changed");
        assertEquals(RemapResult.REMAPPED, edge.remapCatalogId("old", "old"), "onto itself is no conflict");
        assertEquals(RemapResult.REMAPPED, edge.remapCatalogId("old", "new"));
        assertEquals(a, catalog.findByCatalogId("new").orElseThrow().luid());
        assertTrue(catalog.findByCatalogId("old").isEmpty());
    }

    // --- digests, changes, moves -----------------------------------------------------------------------------

    @Test
    void digestsAreStoredInLowerCaseAndABadOneFailsTheWholeWrite() {
        long luid = add("a.mkv", 1).luid();
        catalog.write(batch -> batch.hashes(luid, Map.of("MD5", " ABCDEF01 ")));
        assertEquals(Map.of("md5", "abcdef01"), catalog.hashes(luid));

        assertThrows(CatalogException.class, () -> catalog.write(batch -> {
            batch.hashes(luid, Map.of("sha1", "0123"));
            return batch.hashes(luid, Map.of("sha256", "not hex"));
        }));
        assertEquals(Map.of("md5", "abcdef01"), catalog.hashes(luid), "the good digest of that write is gone too");
        assertThrows(CatalogException.class, () -> catalog.write(batch -> batch.hashes(luid, Map.of(" ", "01"))));
        assertThrows(CatalogException.class, () -> catalog.write(batch -> batch.hashes(luid + 1000,
                Map.of("md5", "01"))));
        assertEquals(Map.of(), catalog.hashes(luid + 1000));
    }

    @Test
    void aChangedFileLosesItsDigestsAndMetadataAMovedOneKeepsThem() {
        long luid = add("a.mkv", 1).luid();
        catalog.write(batch -> {
            batch.hashes(luid, Map.of("md5", "01"));
            batch.metadata(luid, new MediaMetadata(1.0, 2, 2, "h264", null, 1L, 1.0, "mp4"));
            batch.catalogId(luid, "id");
            return batch.status(luid, MediaStatus.READY, Optional.empty());
        });

        MediaFile moved = catalog.write(batch -> batch.moved(luid, root.resolve("b/c.mkv"), root, "b/c.mkv",
                T, Optional.empty()));
        assertEquals(luid, moved.luid());
        assertEquals(MediaStatus.READY, moved.status());
        assertEquals(Map.of("md5", "01"), catalog.hashes(luid));
        assertTrue(catalog.find(luid).orElseThrow().metadata().isPresent());
        assertEquals(luid, catalog.findByCatalogId("id").orElseThrow().luid());
        assertTrue(catalog.findByPath(root.resolve("a.mkv")).isEmpty());
        assertEquals(luid, catalog.findByPath(root.resolve("b/c.mkv")).orElseThrow().luid());

        MediaFile changed = catalog.write(batch -> batch.changed(luid, 99, T.plusSeconds(60), Optional.empty()));
        assertEquals(MediaStatus.PENDING, changed.status());
        assertEquals(99, catalog.find(luid).orElseThrow().size());
        assertEquals(Map.of(), catalog.hashes(luid));
        assertTrue(catalog.find(luid).orElseThrow().metadata().isEmpty());
        assertEquals(Optional.of("id"), catalog.find(luid).orElseThrow().catalogId(), "the Edge's id stays");
    }

    // --- the scanner's and the Edge link's views -------------------------------------------------------------

    @Test
    void theRowsUnderARootIncludeDeletedOnesAndNoOtherRoot() {
        long a = add("a.mkv", 1).luid();
        long b = add("sub/b.mkv", 1).luid();
        Path other = tmp.resolve("other").toAbsolutePath().normalize();
        catalog.write(batch -> batch.add(new NewMediaFile(other.resolve("c.mkv"), other, "c.mkv", 1, T,
                Optional.empty())));
        catalog.write(batch -> batch.deleted(b));

        assertEquals(Set.of(a, b), Set.copyOf(catalog.listUnderRoot(root).stream().map(MediaFile::luid).toList()));
        assertEquals(Set.of("c.mkv"), Set.copyOf(paths(catalog.listUnderRoot(other))));
        assertEquals(List.of(), catalog.listUnderRoot(tmp.resolve("none")));
    }

    @Test
    void theUncatalogedCursorPagesByLuidSkippingCatalogedAndDeletedRows() {
        List<Long> luids = new ArrayList<>();
        for (String name : List.of("a", "b", "c", "d", "e", "f")) {
            luids.add(add(name + ".mkv", 1).luid());
        }
        catalog.write(batch -> batch.catalogId(luids.get(1), "given"));
        catalog.write(batch -> batch.deleted(luids.get(3)));

        List<UncatalogedFile> first = edge.uncatalogedAfter(0, 2);
        assertEquals(List.of(luids.get(0), luids.get(2)), first.stream().map(UncatalogedFile::luid).toList());
        assertEquals("a.mkv", first.get(0).relativePath());
        assertEquals(1, first.get(0).size());
        List<UncatalogedFile> second = edge.uncatalogedAfter(first.get(1).luid(), 2);
        assertEquals(List.of(luids.get(4), luids.get(5)), second.stream().map(UncatalogedFile::luid).toList());
        assertEquals(List.of(), edge.uncatalogedAfter(luids.get(5), 2));
        assertEquals(4, edge.countUncataloged());
        assertThrows(IllegalArgumentException.class, () -> edge.uncatalogedAfter(0, 0));
    }

    // --- writes ----------------------------------------------------------------------------------------------

    @Test
    void aWriteIsAllOrNothingAndEachCommitCountsOneGeneration() {
        long start = catalog.generation();
        add("a.mkv", 1);
        assertEquals(start + 1, catalog.generation());

        assertThrows(RuntimeException.class, () -> catalog.write(batch -> {
            batch.add(file("b.mkv", 1, 0));
            throw new IllegalStateException("boom");
        }));
        assertTrue(catalog.findByPath(root.resolve("b.mkv")).isEmpty());
        assertEquals(start + 1, catalog.generation(), "a rolled-back write is not counted");
        assertEquals(1, catalog.count(MediaQuery.firstPage(1)));

        MediaFile c = catalog.writeRecoverable(batch -> batch.add(file("c.mkv", 1, 0)));
        assertEquals(start + 2, catalog.generation());
        assertFalse(catalog.find(c.luid()).isEmpty());
        assertTrue(c.luid() > 0);
    }
}
