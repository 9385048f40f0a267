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
import java.util.Map;
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
            assertEquals("16384", catalog.writeRecoverable(batch -> ((SqliteCatalogBatch) batch).statements(
                    db -> db.queryString("PRAGMA wal_autocheckpoint"))), "fewer checkpoints during a scan");
            assertEquals("2", catalog.write(ScanWritesTest::synchronous), "an owner action after a scan batch");
            assertEquals("1000", catalog.write(batch -> ((SqliteCatalogBatch) batch).statements(
                    db -> db.queryString("PRAGMA wal_autocheckpoint"))));
            catalog.remapCatalogId("x", "y");
            assertEquals("2", catalog.write(ScanWritesTest::synchronous));
        }
    }

    private static String synchronous(org.giggityflix.peer.api.catalog.CatalogBatch batch) {
        return ((SqliteCatalogBatch) batch).statements(db -> db.queryString("PRAGMA synchronous"));
    }

    @Test
    void addAllCatalogsLikeAddOneByOneInOrderWithHeldDeletedAndRepeatedPathsAndAwkwardNames() {
        Path root = tmp.resolve("media");
        List<String> names = List.of("plain.mkv", "quote\"d.mkv", "back\\slash.mkv", "tab\tand\u0001ctl.mkv",
                "ünïcødé 日本.mkv", "emoji \uD83C\uDFAC.mkv", "held.mkv", "gone.mkv", "plain.mkv");
        List<CatalogChange> heard = new CopyOnWriteArrayList<>();
        List<MediaFile> rows;
        MediaFile held;
        MediaFile gone;
        try (SqliteMediaCatalog catalog = TestDatabases.open(db())) {
            held = catalog.write(batch -> batch.add(newFile(root, "held.mkv", 100)));
            gone = catalog.write(batch -> batch.deleted(batch.add(newFile(root, "gone.mkv", 200)).luid()));
            catalog.addListener(heard::addAll);
            rows = catalog.writeRecoverable(batch -> batch.addAll(names.stream()
                    .map(name -> name.equals("held.mkv") ? newFile(root, name, 100)
                            : name.equals("gone.mkv") ? newFile(root, name, 200)
                            : new org.giggityflix.peer.api.catalog.NewMediaFile(root.resolve(name), root, name,
                                    name.length(), Instant.parse("1969-07-20T20:17:40.123456789Z"), Optional.empty()))
                    .toList()));

            assertEquals(names.size(), rows.size());
            for (int i = 0; i < names.size(); i++) {
                assertEquals(root.resolve(names.get(i)), rows.get(i).path(), "in order");
                assertEquals(Optional.of(rows.get(i)).map(MediaFile::luid), catalog.findByPath(root.resolve(
                        names.get(i))).map(MediaFile::luid));
            }
            MediaFile plain = rows.get(0);
            assertEquals(Optional.of(plain), catalog.find(plain.luid()), "the row as it reads back, exactly");
            assertEquals(plain, rows.get(8), "a path listed twice is one row");
            assertEquals(held, rows.get(6), "a live held path with the same size and mtime is left alone");
            assertEquals(gone.luid(), rows.get(7).luid(), "a deleted path is revived, same luid");
            assertEquals(MediaStatus.PENDING, rows.get(7).status());
            for (int i = 1; i <= 5; i++) {
                assertEquals(names.get(i), catalog.find(rows.get(i).luid()).orElseThrow().relativePath());
                assertEquals(Instant.parse("1969-07-20T20:17:40.123456789Z"), rows.get(i).modified());
            }
            assertEquals(Optional.empty(), rows.get(0).fileKey());
            assertEquals(8, catalog.listUnderRoot(root).size(), "8 distinct paths");
        }
        // (The listener may also hear the two earlier writes: it was added while they were being told.)
        List<CatalogChange> told = heard.subList(Math.max(0, heard.size() - 7), heard.size());
        assertEquals(List.of(rows.get(0).luid(), rows.get(1).luid(), rows.get(2).luid(), rows.get(3).luid(),
                        rows.get(4).luid(), rows.get(5).luid(), gone.luid()),
                told.stream().map(change -> change.file().luid()).toList(),
                "new rows and the revived one, each once, in order");
        assertTrue(told.stream().allMatch(change -> change.kind() == CatalogChange.Kind.ADDED));
        assertTrue(heard.stream().filter(change -> change.file().luid() == held.luid()).count() <= 1,
                "the held row: at most its own add, before, never again");
    }

    /**
     * {@code addAll} leaves a row's path, root and lower-case path out of its parameters when they follow from the
     * statement's root and the relative path: the stored columns must still be exactly those {@code add} stores, for
     * rows under several roots in one statement (the filesystem root among them), names with capitals, and a path
     * that is not its root joined with its relative path.
     */
    @Test
    void addAllStoresEveryPathColumnExactlyAsAddDoesAcrossRootsAndCases() {
        Path media = tmp.resolve("media");
        Path other = tmp.resolve("Other Root");
        Path slash = Path.of("/");
        List<org.giggityflix.peer.api.catalog.NewMediaFile> files = List.of(
                newFile(media, "lower.mkv", 1),
                newFile(media, "Season 1/Mixed Case.MKV", 2),
                newFile(other, "ÄÖÜ Größe/Straße.mkv", 3),
                newFile(media, "back/again.mkv", 4),
                new org.giggityflix.peer.api.catalog.NewMediaFile(slash.resolve("top level.mkv"), slash,
                        "top level.mkv", 5, Instant.EPOCH, Optional.of("(dev=1,ino=2)")),
                // A relative path that is not how the path continues its root: stored as given, never rebuilt.
                new org.giggityflix.peer.api.catalog.NewMediaFile(media.resolve("elsewhere/Real.mkv"), media,
                        "Alias.mkv", 6, Instant.EPOCH, Optional.empty()));
        String columns = "SELECT group_concat(path || '|' || media_root || '|' || relative_path || '|'"
                + " || relative_path_lower || '|' || size || '|' || coalesce(file_key, '-'), char(10))"
                + " FROM (SELECT * FROM media_files ORDER BY luid)";
        Path oneByOne = tmp.resolve("one-by-one.db");
        try (SqliteMediaCatalog catalog = TestDatabases.open(oneByOne)) {
            catalog.write(batch -> files.stream().map(batch::add).toList());
        }
        try (SqliteMediaCatalog catalog = TestDatabases.open(db())) {
            catalog.writeRecoverable(batch -> batch.addAll(files));
        }

        String expected = query(oneByOne, columns);
        assertTrue(expected.contains("/Season 1/Mixed Case.MKV|" + media + "|Season 1/Mixed Case.MKV"
                + "|season 1/mixed case.mkv|2|dev:1,ino:"), expected);
        assertTrue(expected.contains("/top level.mkv|/|top level.mkv|top level.mkv|5|(dev=1,ino=2)"), expected);
        assertTrue(expected.contains("/elsewhere/Real.mkv|" + media + "|Alias.mkv|alias.mkv|6|-"), expected);
        assertEquals(expected, query(db(), columns));
    }

    /**
     * A first scan's batch spans several INSERT statements (500 rows each, then fewer): luids still follow the list,
     * a held path in the middle is revived in its place, a path listed again is the same row, and every row reads
     * back as returned.
     */
    @Test
    void aLargeAddAllAcrossStatementsKeepsOrderLuidsAndHeldPaths() {
        Path root = tmp.resolve("media");
        int n = 1234;
        try (SqliteMediaCatalog catalog = TestDatabases.open(db())) {
            MediaFile gone = catalog.write(batch -> batch.deleted(batch.add(newFile(root, "f0700.mkv", 700)).luid()));
            List<org.giggityflix.peer.api.catalog.NewMediaFile> files = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                files.add(newFile(root, String.format("f%04d.mkv", i), i));
            }
            files.add(newFile(root, "f0003.mkv", 3)); // listed twice
            List<MediaFile> rows = catalog.writeRecoverable(batch -> batch.addAll(files));

            assertEquals(n + 1, rows.size());
            long previous = gone.luid();
            for (int i = 0; i < n; i++) {
                MediaFile row = rows.get(i);
                assertEquals(files.get(i).path(), row.path(), "in order");
                assertEquals(i, row.size());
                assertEquals(Optional.of(row), catalog.find(row.luid()), "reads back exactly as returned");
                if (i == 700) {
                    assertEquals(gone.luid(), row.luid(), "the deleted path is revived with its luid");
                    assertEquals(MediaStatus.PENDING, row.status());
                } else {
                    assertTrue(row.luid() > previous, "new rows get ever higher luids, in list order");
                    previous = row.luid();
                }
            }
            assertEquals(rows.get(3), rows.get(n), "a path listed twice is one row");
            assertEquals(n, catalog.listUnderRoot(root).size());
            assertEquals(n, queryLong(db(), "SELECT count(*) FROM media_files"));

            // Every path new (the luids are computed, not read back): 1,100 rows = 500 + 500 + 64 + 32 + 4.
            List<org.giggityflix.peer.api.catalog.NewMediaFile> more = new java.util.ArrayList<>();
            for (int i = 0; i < 1100; i++) {
                more.add(newFile(root, String.format("g%04d.mkv", i), i));
            }
            long last = queryLong(db(), "SELECT seq FROM sqlite_sequence WHERE name = 'media_files'");
            List<MediaFile> added = catalog.writeRecoverable(batch -> batch.addAll(more));
            for (int i = 0; i < more.size(); i++) {
                assertEquals(last + 1 + i, added.get(i).luid(), "all new: the next luids, in list order");
                assertEquals(Optional.of(added.get(i)), catalog.findByPath(more.get(i).path()));
            }
        }
    }

    @Test
    void statusAllAndHashedAllWriteWhatOneByOneWouldAndAnUnknownLuidOrBadDigestRollsBackEverything() {
        Path root = tmp.resolve("media");
        try (SqliteMediaCatalog catalog = TestDatabases.open(db())) {
            List<MediaFile> added = catalog.write(batch -> batch.addAll(List.of(newFile(root, "a.mkv", 1),
                    newFile(root, "b.mkv", 2), newFile(root, "c.mkv", 3))));
            List<Long> luids = added.stream().map(MediaFile::luid).toList();
            catalog.write(batch -> batch.status(luids.get(2), MediaStatus.ERROR, Optional.of("unreadable")));

            List<MediaFile> processing = catalog.writeRecoverable(batch -> batch.statusAll(
                    List.of(luids.get(2), luids.get(0)), MediaStatus.PROCESSING));
            assertEquals(List.of(luids.get(2), luids.get(0)), processing.stream().map(MediaFile::luid).toList());
            assertEquals(Optional.of(processing.get(0)), catalog.find(luids.get(2)));
            assertEquals(MediaStatus.PROCESSING, processing.get(0).status());
            assertEquals(Optional.empty(), processing.get(0).error(), "no error without ERROR, as status() does");

            Map<Long, Map<String, String>> digests = new java.util.LinkedHashMap<>();
            digests.put(luids.get(1), Map.of("md5", "AB12", "sha1", "cd34"));
            digests.put(luids.get(0), Map.of("md5", "ef56"));
            List<MediaFile> ready = catalog.writeRecoverable(batch -> batch.hashedAll(digests, MediaStatus.READY));
            assertEquals(List.of(luids.get(1), luids.get(0)), ready.stream().map(MediaFile::luid).toList());
            assertTrue(ready.stream().allMatch(row -> row.status() == MediaStatus.READY));
            assertEquals(Map.of("md5", "ab12", "sha1", "cd34"), catalog.hashes(luids.get(1)),
                    "lower case, as hashes()");
            assertEquals(Map.of("md5", "ef56"), catalog.hashes(luids.get(0)));

            long generation = catalog.generation();
            assertThrows(CatalogException.class, () -> catalog.writeRecoverable(batch -> batch.statusAll(
                    List.of(luids.get(2), 999_999L), MediaStatus.READY)));
            assertEquals(MediaStatus.PROCESSING, catalog.find(luids.get(2)).orElseThrow().status(), "rolled back");
            Map<Long, Map<String, String>> bad = new java.util.LinkedHashMap<>();
            bad.put(luids.get(2), Map.of("md5", "0000"));
            bad.put(luids.get(1), Map.of("sha1", "not hex"));
            assertThrows(CatalogException.class, () -> catalog.writeRecoverable(batch -> batch.hashedAll(bad,
                    MediaStatus.READY)));
            assertEquals(Map.of(), catalog.hashes(luids.get(2)), "nothing of a failed write is kept");
            assertEquals(generation, catalog.generation());
        }
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
