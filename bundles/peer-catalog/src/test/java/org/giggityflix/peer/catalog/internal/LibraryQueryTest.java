package org.giggityflix.peer.catalog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.giggityflix.peer.api.catalog.MediaQuery;
import org.giggityflix.peer.api.catalog.MediaQuery.Sort;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code LibraryQueryTest} is responsible for proving, on a library of 100,000 files, that every order and filter the
 * library offers is applied by the catalog's query over the whole library: pages and counts equal what an
 * independent sort in Java of every row gives, consecutive pages neither repeat nor skip a row, and SQLite reads
 * each order from an index instead of sorting the table ({@code EXPLAIN QUERY PLAN}). No timing is asserted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LibraryQueryTest {

    private static final int ROWS = 100_000;
    private static final int PAGE = 50;

    private SqliteMediaCatalog catalog;
    private Path db;
    /** Every row, as {@code listUnderRoot} reads them (no ORDER BY of the library involved). */
    private List<MediaFile> everyRow;
    /** UTF-8 bytes of each row's relative path and of its lower-cased file name, by luid (computed once). */
    private final Map<Long, byte[]> pathBytes = new HashMap<>();
    private final Map<Long, byte[]> nameBytes = new HashMap<>();

    /** The filters the UI and API offer: statuses and text. */
    private record Filter(String name, Set<MediaStatus> statuses, Optional<String> text) {
    }

    private static final List<Filter> FILTERS = List.of(
            new Filter("not deleted", Set.of(), Optional.empty()),
            new Filter("ready", Set.of(MediaStatus.READY), Optional.empty()),
            new Filter("error or deleted", Set.of(MediaStatus.ERROR, MediaStatus.DELETED), Optional.empty()),
            new Filter("text ÉTÉ", Set.of(), Optional.of("ÉTÉ")),
            new Filter("text 100% in ready", Set.of(MediaStatus.READY), Optional.of("_B%C")));

    @BeforeAll
    void fill(@TempDir Path tmp) {
        db = tmp.resolve("catalog.db");
        catalog = TestDatabases.open(db);
        LibraryRows.fill(catalog, tmp.resolve("media"), ROWS);
        everyRow = catalog.listUnderRoot(tmp.resolve("media"));
        assertEquals(ROWS, everyRow.size());
        for (MediaFile f : everyRow) {
            pathBytes.put(f.luid(), utf8(f.relativePath()));
            nameBytes.put(f.luid(), utf8(lastSegment(f.relativePath().toLowerCase(Locale.ROOT))));
        }
    }

    @AfterAll
    void close() {
        catalog.close();
    }

    /** The order, written again here from the API's description, on UTF-8 bytes rather than code points. */
    private Comparator<MediaFile> expectedOrder(Sort sort, boolean descending) {
        Comparator<MediaFile> byKey = switch (sort) {
            case PATH -> Comparator.comparing(f -> pathBytes.get(f.luid()), Arrays::compareUnsigned);
            case NAME -> Comparator.comparing(f -> nameBytes.get(f.luid()), Arrays::compareUnsigned);
            case SIZE -> Comparator.comparing(MediaFile::size);
            case MODIFIED -> Comparator.comparing(MediaFile::modified);
            case DISCOVERED -> (a, b) -> 0; // the luid below: the order in which the catalog saw them
            case DURATION -> Comparator.comparing(
                    f -> f.metadata().map(MediaMetadata::durationSeconds).orElse(null),
                    Comparator.nullsFirst(Comparator.<Double>naturalOrder()));
            case STATUS -> Comparator.comparing(f -> f.status().name());
        };
        Comparator<MediaFile> ascending = byKey.thenComparing(MediaFile::luid);
        return descending ? ascending.reversed() : ascending;
    }

    private static Predicate<MediaFile> expectedFilter(Filter filter) {
        return f -> (filter.statuses().isEmpty() ? f.status() != MediaStatus.DELETED
                : filter.statuses().contains(f.status()))
                && filter.text().map(t -> f.relativePath().toLowerCase(Locale.ROOT)
                .contains(t.toLowerCase(Locale.ROOT))).orElse(true);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static List<Long> luids(List<MediaFile> files) {
        return files.stream().map(MediaFile::luid).toList();
    }

    @Test
    void everyOrderAndFilterGivesTheCountAndPagesOfAnIndependentSortOfEveryRow() {
        for (Filter filter : FILTERS) {
            List<MediaFile> matching = everyRow.stream().filter(expectedFilter(filter)).toList();
            assertTrue(matching.size() > PAGE * 3, filter + " matches too few rows to page: " + matching.size());
            for (Sort sort : Sort.values()) {
                for (boolean descending : new boolean[] {false, true}) {
                    String what = filter.name() + ", " + sort + (descending ? " desc" : " asc");
                    List<Long> expected = luids(matching.stream().sorted(expectedOrder(sort, descending)).toList());
                    MediaQuery query = new MediaQuery(filter.statuses(), filter.text(), 0, PAGE, sort, descending);
                    assertEquals(expected.size(), catalog.count(query), what + ": count");
                    for (int offset : new int[] {0, expected.size() / 2 + 3, expected.size() - PAGE / 2}) {
                        List<Long> page = luids(catalog.list(query.page(offset, PAGE)));
                        assertEquals(expected.subList(offset, Math.min(expected.size(), offset + PAGE)), page,
                                what + ": page at offset " + offset);
                    }
                    assertEquals(List.of(), catalog.list(query.page(expected.size(), PAGE)), what + ": past the end");
                }
            }
        }
    }

    @Test
    void theLargestFileIsFirstBySizeDescendingThoughItIsLastByPath() {
        MediaQuery bySizeDesc = MediaQuery.firstPage(PAGE).sortedBy(Sort.SIZE, true);
        assertEquals(LibraryRows.largestPath(ROWS), catalog.list(bySizeDesc).get(0).relativePath());
        assertEquals(LibraryRows.LARGEST, catalog.list(bySizeDesc).get(0).size());
        long positionByPath = everyRow.stream().filter(f -> f.status() != MediaStatus.DELETED)
                .filter(f -> Arrays.compareUnsigned(utf8(f.relativePath()), utf8(LibraryRows.largestPath(ROWS))) > 0)
                .count();
        assertTrue(positionByPath < 1_000, "the largest file should be near the end in path order: "
                + positionByPath + " rows after it");
    }

    @Test
    void walkingEveryPageSeesEveryMatchingRowExactlyOnce() {
        for (Sort sort : List.of(Sort.SIZE, Sort.NAME, Sort.DURATION, Sort.STATUS)) {
            MediaQuery query = new MediaQuery(Set.of(), Optional.empty(), 0, MediaQuery.MAX_LIMIT, sort, true);
            long total = catalog.count(query);
            List<Long> seen = new ArrayList<>();
            for (int offset = 0; offset < total; offset += MediaQuery.MAX_LIMIT) {
                seen.addAll(luids(catalog.list(query.page(offset, MediaQuery.MAX_LIMIT))));
            }
            assertEquals(total, seen.size(), sort + ": rows seen");
            assertEquals(total, new HashSet<>(seen).size(), sort + ": a row seen twice");
        }
    }

    /**
     * Each order, both ways, under every status filter, is a walk of one index (or of the table in luid order): never
     * a temporary B-tree, which would be a sort of every matching row, a whole status or the whole library. With a
     * text filter, which no index can answer, the table is read in order and only its matches are sorted (bounded
     * by the page's end): never a walk of an order's index, which would read the table at random row by row.
     */
    @Test
    void everyOrderIsReadFromAnIndexNotSortedFromTheTable() {
        for (Filter f : FILTERS) {
            for (Sort sort : Sort.values()) {
                for (boolean descending : new boolean[] {false, true}) {
                    MediaQuery query = new MediaQuery(f.statuses(), f.text(), 0, PAGE, sort, descending);
                    MediaFilter filter = MediaFilter.ordered(query);
                    String sql = MediaRows.SELECT + filter.where() + " " + MediaFilter.orderBy(query)
                            + " LIMIT 50 OFFSET 0";
                    String plan = TestDatabases.queryPlan(db, sql.replace("?", "'x'"));
                    String what = f.name() + ", " + sort + (descending ? " desc" : " asc");
                    if (f.text().isPresent()) {
                        assertFalse(plan.contains("media_files_by_"), what + ": walks an order's index:\n" + plan);
                        continue;
                    }
                    assertFalse(plan.contains("TEMP B-TREE"), what + ": sorts instead of walking an index:\n" + plan);
                    assertTrue(plan.contains(sort == Sort.DISCOVERED ? "SCAN media_files" : "USING INDEX"),
                            what + ": walks no index:\n" + plan);
                }
            }
        }
    }
}
