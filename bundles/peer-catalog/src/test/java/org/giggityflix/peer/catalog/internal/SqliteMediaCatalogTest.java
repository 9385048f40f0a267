package org.giggityflix.peer.catalog.internal;

import static org.giggityflix.peer.catalog.internal.TestDatabases.newFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.giggityflix.peer.api.PeerIdentity;
import org.giggityflix.peer.api.catalog.CatalogBatch;
import org.giggityflix.peer.api.catalog.CatalogException;
import org.giggityflix.peer.api.catalog.EdgeCatalog.RemapResult;
import org.giggityflix.peer.api.catalog.KnownFile;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.giggityflix.peer.api.catalog.MediaQuery;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.catalog.UncatalogedFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ops4j.pax.jdbc.sqlite.impl.SqliteDataSourceFactory;

/**
 * {@code SqliteMediaCatalogTest} is responsible for the catalog's documented semantics, one behaviour per test.
 */
class SqliteMediaCatalogTest {

    private static final MediaMetadata METADATA = new MediaMetadata(61.5, 1280, 720, "h264", "aac", 2_500_000L,
            29.97, "mp4");

    @TempDir
    Path tmp;
    private Path root;
    private SqliteMediaCatalog catalog;

    @BeforeEach
    void open() {
        root = tmp.resolve("media");
        catalog = TestDatabases.open(tmp.resolve("catalog.db"));
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    private MediaFile add(String relativePath, long size) {
        return catalog.write(batch -> batch.add(newFile(root, relativePath, size)));
    }

    @Test
    void addCatalogsAPendingRowThatReadsBackExactly() {
        MediaFile added = add("Films/Alien.mkv", 1234);

        assertEquals(MediaStatus.PENDING, added.status());
        assertEquals(root.resolve("Films/Alien.mkv"), added.path());
        assertEquals(root, added.mediaRoot());
        assertEquals(Instant.parse("2024-05-01T10:15:30.123456789Z"), added.modified(), "mtime keeps nanoseconds");
        assertEquals(Optional.empty(), added.catalogId());
        assertEquals(Optional.empty(), added.metadata());
        assertEquals(Optional.of(added), catalog.find(added.luid()));
        assertEquals(Optional.of(added), catalog.findByPath(root.resolve("Films/./Alien.mkv")));
        assertEquals(Optional.empty(), catalog.find(added.luid() + 1));
    }

    @Test
    void addingALiveUnchangedPathAgainChangesNothing() {
        MediaFile first = add("a.mkv", 10);
        catalog.write(batch -> batch.hashes(first.luid(), Map.of("md5", "abcd")));

        MediaFile again = add("a.mkv", 10);

        assertEquals(first.luid(), again.luid());
        assertEquals(Map.of("md5", "abcd"), catalog.hashes(first.luid()));
        assertEquals(1, catalog.count(MediaQuery.firstPage(10)));
    }

    @Test
    void addRevivesADeletedRowKeepingLuidCatalogIdAndUnchangedContentHashes() {
        MediaFile first = add("a.mkv", 10);
        catalog.write(batch -> {
            batch.hashes(first.luid(), Map.of("md5", "abcd"));
            batch.catalogId(first.luid(), "cat-1");
            return batch.deleted(first.luid());
        });

        MediaFile revived = add("a.mkv", 10);

        assertEquals(first.luid(), revived.luid());
        assertEquals(MediaStatus.PENDING, revived.status());
        assertEquals(Optional.of("cat-1"), revived.catalogId());
        assertEquals(Map.of("md5", "abcd"), catalog.hashes(first.luid()), "same size and mtime: not rehashed");
    }

    @Test
    void addRevivingADeletedRowWithOtherContentDropsHashesAndMetadata() {
        MediaFile first = add("a.mkv", 10);
        catalog.write(batch -> {
            batch.hashes(first.luid(), Map.of("md5", "abcd"));
            batch.metadata(first.luid(), METADATA);
            return batch.deleted(first.luid());
        });

        MediaFile revived = add("a.mkv", 20);

        assertEquals(first.luid(), revived.luid());
        assertEquals(20, revived.size());
        assertEquals(Map.of(), catalog.hashes(first.luid()));
        assertEquals(Optional.empty(), revived.metadata());
    }

    @Test
    void changedDropsHashesAndMetadataClearsTheErrorAndSetsPending() {
        MediaFile file = add("a.mkv", 10);
        catalog.write(batch -> {
            batch.hashes(file.luid(), Map.of("md5", "abcd", "sha1", "ef01"));
            batch.metadata(file.luid(), METADATA);
            batch.catalogId(file.luid(), "cat-1");
            return batch.status(file.luid(), MediaStatus.ERROR, Optional.of("boom"));
        });
        Instant later = Instant.parse("2025-01-01T00:00:00Z");

        MediaFile changed = catalog.write(batch -> batch.changed(file.luid(), 99, later, Optional.of("k2")));

        assertEquals(MediaStatus.PENDING, changed.status());
        assertEquals(Optional.empty(), changed.error());
        assertEquals(Optional.empty(), changed.metadata());
        assertEquals(99, changed.size());
        assertEquals(later, changed.modified());
        assertEquals(Optional.of("k2"), changed.fileKey());
        assertEquals(Optional.of("cat-1"), changed.catalogId(), "the Edge's id survives a content change");
        assertEquals(Map.of(), catalog.hashes(file.luid()));
    }

    @Test
    void movedKeepsLuidHashesMetadataStatusAndCatalogId() {
        MediaFile file = add("a.mkv", 10);
        catalog.write(batch -> {
            batch.hashes(file.luid(), Map.of("md5", "abcd"));
            batch.metadata(file.luid(), METADATA);
            batch.catalogId(file.luid(), "cat-1");
            return batch.status(file.luid(), MediaStatus.READY, Optional.empty());
        });
        Path otherRoot = tmp.resolve("other");

        MediaFile moved = catalog.write(batch -> batch.moved(file.luid(), otherRoot.resolve("b/B.mkv"), otherRoot,
                "b/B.mkv", file.modified(), Optional.of("k")));

        assertEquals(file.luid(), moved.luid());
        assertEquals(otherRoot.resolve("b/B.mkv"), moved.path());
        assertEquals("b/B.mkv", moved.relativePath());
        assertEquals(MediaStatus.READY, moved.status());
        assertEquals(Optional.of(METADATA), moved.metadata());
        assertEquals(Optional.of("cat-1"), moved.catalogId());
        assertEquals(Map.of("md5", "abcd"), catalog.hashes(file.luid()));
        assertEquals(Optional.empty(), catalog.findByPath(root.resolve("a.mkv")));
        assertEquals(List.of(moved), catalog.listUnderRoot(otherRoot));
    }

    @Test
    void movedOntoALivePathFailsAndChangesNothing() {
        MediaFile a = add("a.mkv", 10);
        MediaFile b = add("b.mkv", 10);

        CatalogException e = assertThrows(CatalogException.class, () -> catalog.write(batch ->
                batch.moved(a.luid(), b.path(), root, "b.mkv", a.modified(), Optional.empty())));

        assertTrue(e.getMessage().contains("luid " + b.luid()), e.getMessage());
        assertEquals(Optional.of(a), catalog.find(a.luid()));
        assertEquals(Optional.of(b), catalog.find(b.luid()));
    }

    @Test
    void aDeletedRowThatIsMovedIsOnDiskAgainAsPending() {
        MediaFile a = add("a.mkv", 10);
        catalog.write(batch -> batch.status(a.luid(), MediaStatus.DELETED, Optional.empty()));

        MediaFile moved = catalog.write(batch -> batch.moved(a.luid(), root.resolve("b.mkv"), root, "b.mkv",
                a.modified(), Optional.empty()));

        assertEquals(MediaStatus.PENDING, moved.status());
        assertEquals(a.luid(), moved.luid());
    }

    @Test
    void luidsAreNeverReusedEvenAfterTheHighestRowIsRemoved() {
        MediaFile a = add("a.mkv", 10);
        MediaFile b = add("b.mkv", 10);
        // Moving a onto b's path removes b's stale (deleted) row, the highest luid so far.
        catalog.write(batch -> {
            batch.deleted(b.luid());
            return batch.moved(a.luid(), b.path(), root, "b.mkv", a.modified(), Optional.empty());
        });
        assertEquals(Optional.empty(), catalog.find(b.luid()));

        MediaFile c = add("c.mkv", 10);

        assertTrue(c.luid() > b.luid(), "luid " + c.luid() + " reuses " + b.luid());
    }

    @Test
    void deletedRowsStayInListUnderRootButLeaveListAndCount() {
        MediaFile a = add("a.mkv", 10);
        add("b.mkv", 10);
        catalog.write(batch -> batch.deleted(a.luid()));

        assertEquals(2, catalog.listUnderRoot(root).size());
        assertEquals(List.of("b.mkv"), relativePaths(catalog.list(MediaQuery.firstPage(10))));
        assertEquals(1, catalog.count(MediaQuery.firstPage(10)));
        assertEquals(1, catalog.count(new MediaQuery(Set.of(MediaStatus.DELETED), Optional.empty(), 0, 10)));
        assertEquals(MediaStatus.DELETED, catalog.find(a.luid()).orElseThrow().status());
    }

    @Test
    void knownUnderRootHasTheRescanColumnsOfEveryRowUnderTheRoot() {
        MediaFile a = add("a.mkv", 10);
        MediaFile b = add("b.mkv", 20);
        catalog.write(batch -> batch.deleted(a.luid()));
        catalog.write(batch -> batch.metadata(b.luid(),
                new MediaMetadata(1.5, 640, 360, "h264", "aac", 1000L, 25.0, "mp4")));

        List<KnownFile> known = catalog.knownUnderRoot(root);

        // The same rows and values as the whole rows (the interface's default), read from fewer columns.
        assertEquals(catalog.listUnderRoot(root).stream().map(KnownFile::of).toList(), known);
        assertEquals(List.of(MediaStatus.DELETED, MediaStatus.PENDING), known.stream().map(KnownFile::status).toList());
        assertEquals(List.of(false, true), known.stream().map(KnownFile::probed).toList());
        assertEquals(List.of(), catalog.knownUnderRoot(root.resolve("elsewhere")));
    }

    @Test
    void forEachKnownUnderRootHandsOverTheSameRowsInTheSameOrder() {
        for (int i = 0; i < 50; i++) {
            add(String.format("Season %02d/episode %02d.mkv", i % 3, i), 100 + i);
        }
        catalog.write(batch -> batch.deleted(catalog.knownUnderRoot(root).get(7).luid()));
        List<KnownFile> streamed = new ArrayList<>();

        catalog.forEachKnownUnderRoot(root, streamed::add);

        assertEquals(catalog.knownUnderRoot(root), streamed);
        List<KnownFile> elsewhere = new ArrayList<>();
        catalog.forEachKnownUnderRoot(root.resolve("elsewhere"), elsewhere::add);
        assertEquals(List.of(), elsewhere);
    }

    @Test
    void countByStatusHasEveryStatus() {
        assertEquals(Map.of(MediaStatus.PENDING, 0L, MediaStatus.PROCESSING, 0L, MediaStatus.READY, 0L,
                MediaStatus.ERROR, 0L, MediaStatus.DELETED, 0L), catalog.countByStatus());
        MediaFile a = add("a.mkv", 10);
        add("b.mkv", 10);
        catalog.write(batch -> batch.status(a.luid(), MediaStatus.READY, Optional.empty()));

        Map<MediaStatus, Long> counts = catalog.countByStatus();

        assertEquals(5, counts.size());
        assertEquals(1L, counts.get(MediaStatus.READY));
        assertEquals(1L, counts.get(MediaStatus.PENDING));
        assertEquals(0L, counts.get(MediaStatus.DELETED));
    }

    @Test
    void statusKeepsTheErrorOnlyWithError() {
        MediaFile a = add("a.mkv", 10);

        MediaFile failed = catalog.write(batch -> batch.status(a.luid(), MediaStatus.ERROR, Optional.of("bad")));
        MediaFile ready = catalog.write(batch -> batch.status(a.luid(), MediaStatus.READY, Optional.of("ignored")));

        assertEquals(Optional.of("bad"), failed.error());
        assertEquals(Optional.empty(), ready.error());
    }

    @Test
    void hashesAreStoredLowerCaseAndReplacedPerAlgorithm() {
        MediaFile a = add("a.mkv", 10);
        catalog.write(batch -> batch.hashes(a.luid(), Map.of("MD5", "ABCD", "sha1", "0011")));

        catalog.write(batch -> batch.hashes(a.luid(), Map.of("md5", "ef")));

        assertEquals(Map.of("md5", "ef", "sha1", "0011"), catalog.hashes(a.luid()));
    }

    @Test
    void aBadDigestFailsTheWholeWrite() {
        MediaFile a = add("a.mkv", 10);

        CatalogException e = assertThrows(CatalogException.class, () -> catalog.write(batch -> {
            batch.catalogId(a.luid(), "cat-1");
            return batch.hashes(a.luid(), Map.of("md5", "not hex!"));
        }));

        assertTrue(e.getMessage().contains("not hex"), e.getMessage());
        assertEquals(Optional.empty(), catalog.find(a.luid()).orElseThrow().catalogId(), "rolled back");
    }

    @Test
    void metadataIsStoredAndReadBack() {
        MediaFile a = add("a.mkv", 10);
        MediaMetadata sparse = new MediaMetadata(null, null, null, null, "flac", null, null, null);

        assertEquals(Optional.of(METADATA), catalog.write(batch -> batch.metadata(a.luid(), METADATA)).metadata());
        assertEquals(Optional.of(sparse), catalog.write(batch -> batch.metadata(a.luid(), sparse)).metadata());
        assertEquals(Optional.of(sparse), catalog.find(a.luid()).orElseThrow().metadata());
    }

    @Test
    void aCatalogIdHeldByAnotherRowIsRefused() {
        MediaFile a = add("a.mkv", 10);
        MediaFile b = add("b.mkv", 10);
        catalog.write(batch -> batch.catalogId(a.luid(), "cat-1"));

        CatalogException e = assertThrows(CatalogException.class,
                () -> catalog.write(batch -> batch.catalogId(b.luid(), "cat-1")));

        assertTrue(e.getMessage().contains("already held by luid " + a.luid()), e.getMessage());
        assertEquals(Optional.of(a.luid()), catalog.findByCatalogId("cat-1").map(MediaFile::luid));
    }

    @Test
    void everyBatchMethodRefusesAnUnknownLuidAndRollsBackTheWrite() {
        MediaFile a = add("a.mkv", 10);
        long unknown = 999;
        List<java.util.function.Consumer<CatalogBatch>> calls = List.of(
                batch -> batch.changed(unknown, 1, Instant.EPOCH, Optional.empty()),
                batch -> batch.moved(unknown, root.resolve("x"), root, "x", Instant.EPOCH, Optional.empty()),
                batch -> batch.deleted(unknown),
                batch -> batch.status(unknown, MediaStatus.READY, Optional.empty()),
                batch -> batch.hashes(unknown, Map.of("md5", "00")),
                batch -> batch.metadata(unknown, METADATA),
                batch -> batch.catalogId(unknown, "x"));

        for (java.util.function.Consumer<CatalogBatch> call : calls) {
            CatalogException e = assertThrows(CatalogException.class, () -> catalog.write(batch -> {
                batch.status(a.luid(), MediaStatus.READY, Optional.empty());
                call.accept(batch);
                return null;
            }));
            assertEquals("no catalog row with luid 999", e.getMessage());
        }
        assertEquals(MediaStatus.PENDING, catalog.find(a.luid()).orElseThrow().status());
    }

    @Test
    void anExceptionInTheWorkRollsEverythingBackAsCatalogException() {
        IllegalStateException cause = new IllegalStateException("caller gave up");

        CatalogException e = assertThrows(CatalogException.class, () -> catalog.write(batch -> {
            batch.add(newFile(root, "a.mkv", 10));
            throw cause;
        }));

        assertEquals(cause, e.getCause());
        assertEquals(0, catalog.count(MediaQuery.firstPage(10)));
        assertEquals(Optional.empty(), catalog.findByPath(root.resolve("a.mkv")));
    }

    @Test
    void aWriteInsideAWriteIsRefusedClearly() {
        CatalogException e = assertThrows(CatalogException.class,
                () -> catalog.write(batch -> catalog.write(inner -> inner.add(newFile(root, "a.mkv", 1)))));

        assertTrue(e.getMessage().contains("inside a write"), e.getMessage());
        assertEquals(0, catalog.count(MediaQuery.firstPage(10)));
    }

    @Test
    void aBatchKeptAfterItsWriteCannotWrite() {
        AtomicReference<CatalogBatch> escaped = new AtomicReference<>();
        catalog.write(batch -> {
            escaped.set(batch);
            return null;
        });

        assertThrows(CatalogException.class, () -> escaped.get().add(newFile(root, "a.mkv", 1)));
        assertEquals(0, catalog.count(MediaQuery.firstPage(10)));
    }

    @Test
    void remapChangesNothingUnlessRemapped() {
        MediaFile a = add("a.mkv", 10);
        MediaFile b = add("b.mkv", 10);
        catalog.write(batch -> {
            batch.catalogId(a.luid(), "old");
            return batch.catalogId(b.luid(), "taken");
        });

        assertEquals(RemapResult.UNKNOWN_OLD_ID, catalog.remapCatalogId("nope", "new"));
        assertEquals(RemapResult.NEW_ID_IN_USE, catalog.remapCatalogId("old", "taken"));
        assertEquals(Optional.of("old"), catalog.find(a.luid()).orElseThrow().catalogId());
        assertEquals(Optional.of("taken"), catalog.find(b.luid()).orElseThrow().catalogId());

        assertEquals(RemapResult.REMAPPED, catalog.remapCatalogId("old", "new"));
        assertEquals(Optional.of(a.luid()), catalog.findByCatalogId("new").map(MediaFile::luid));
        assertEquals(Optional.empty(), catalog.findByCatalogId("old"));
    }

    @Test
    void theTextFilterIsACaseInsensitiveSubstringWithLiteralWildcards() {
        add("Films/100% Real.mkv", 1);
        add("Films/a_b.mkv", 1);
        add("Films/axb.mkv", 1);
        add("Films/Été indien.mkv", 1);
        add("Films/back\\slash.mkv", 1);

        assertEquals(List.of("Films/a_b.mkv"), search("A_B"));
        assertEquals(List.of("Films/100% Real.mkv"), search("%"));
        assertEquals(List.of("Films/100% Real.mkv"), search("real"));
        assertEquals(List.of("Films/Été indien.mkv"), search("ÉTÉ"));
        assertEquals(List.of("Films/back\\slash.mkv"), search("k\\s"));
        assertEquals(5, search("films/").size());
        assertEquals(List.of(), search("zzz"));
    }

    private List<String> search(String text) {
        MediaQuery query = new MediaQuery(Set.of(), Optional.of(text), 0, 100);
        List<String> found = relativePaths(catalog.list(query));
        assertEquals(found.size(), catalog.count(query));
        return found;
    }

    @Test
    void listPagesInRelativePathOrderAndCountIgnoresPaging() {
        for (String name : List.of("d.mkv", "b.mkv", "a.mkv", "e.mkv", "c.mkv")) {
            add(name, 1);
        }
        MediaFile c = catalog.findByPath(root.resolve("c.mkv")).orElseThrow();
        catalog.write(batch -> batch.status(c.luid(), MediaStatus.READY, Optional.empty()));

        assertEquals(List.of("c.mkv", "d.mkv"),
                relativePaths(catalog.list(new MediaQuery(Set.of(), Optional.empty(), 2, 2))));
        assertEquals(5, catalog.count(new MediaQuery(Set.of(), Optional.empty(), 2, 2)));
        MediaQuery readyOrError = new MediaQuery(Set.of(MediaStatus.READY, MediaStatus.ERROR), Optional.empty(),
                0, 10);
        assertEquals(List.of("c.mkv"), relativePaths(catalog.list(readyOrError)));
        assertEquals(1, catalog.count(readyOrError));
    }

    @Test
    void uncatalogedRowsSkipNumberedAndDeletedRows() {
        MediaFile a = add("a.mkv", 1);
        MediaFile b = add("b.mkv", 1);
        MediaFile c = add("c.mkv", 1);
        catalog.write(batch -> {
            batch.catalogId(a.luid(), "cat-a");
            return batch.deleted(b.luid());
        });

        assertEquals(List.of(c.luid()), catalog.uncatalogedAfter(0, 100).stream().map(UncatalogedFile::luid).toList());
    }

    @Test
    void databaseFileAndSizeDescribeTheFileOnDisk() {
        add("a.mkv", 1);

        assertEquals(tmp.resolve("catalog.db"), catalog.databaseFile());
        assertTrue(Files.exists(catalog.databaseFile()));
        assertTrue(catalog.databaseSize() >= 4096, "size " + catalog.databaseSize());
    }

    @Test
    void theOsgiConstructorOpensCatalogDbUnderDataDirThroughTheFactory() {
        Path dataDir = tmp.resolve("data-dir");
        assertTrue(dataDir.toFile().mkdirs());
        PeerIdentity identity = new PeerIdentity() {
            @Override
            public String peerId() {
                return "peer-1";
            }

            @Override
            public Path dataDir() {
                return dataDir;
            }
        };

        try (SqliteMediaCatalog osgi = new SqliteMediaCatalog(identity, new SqliteDataSourceFactory())) {
            osgi.write(batch -> batch.add(newFile(root, "a.mkv", 1)));
            assertEquals(dataDir.resolve("catalog.db"), osgi.databaseFile());
        }
        assertEquals("wal", TestDatabases.query(dataDir.resolve("catalog.db"), "PRAGMA journal_mode"));
        assertEquals(1, TestDatabases.queryLong(dataDir.resolve("catalog.db"), "SELECT count(*) FROM media_files"));
    }

    @Test
    void aFileThatIsNotADatabaseIsRefusedClearlyAndLeftAlone() throws Exception {
        Path garbage = tmp.resolve("garbage.db");
        byte[] content = "this is not an SQLite database, and it is long enough to have a header".repeat(100)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Files.write(garbage, content);

        CatalogException e = assertThrows(CatalogException.class, () -> TestDatabases.open(garbage));

        assertTrue(e.getMessage().startsWith("catalog database is corrupt or not a database: " + garbage),
                e.getMessage());
        org.junit.jupiter.api.Assertions.assertArrayEquals(content, Files.readAllBytes(garbage));
    }

    @Test
    void aClosedCatalogSaysSo() {
        catalog.close();

        assertThrows(CatalogException.class, () -> catalog.find(1));
        CatalogException e = assertThrows(CatalogException.class, () -> add("a.mkv", 1));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void likeEscapingEscapesOnlyTheWildcardsAndTheEscape() {
        assertFalse(MediaFilter.escapeLike("plain").contains("\\"));
        assertEquals("100\\% a\\_b c\\\\d", MediaFilter.escapeLike("100% a_b c\\d"));
    }

    private static List<String> relativePaths(List<MediaFile> files) {
        return files.stream().map(MediaFile::relativePath).toList();
    }
}
