package org.giggityflix.peer.catalog.internal;

import static org.giggityflix.peer.catalog.internal.PreviousSchemaFixture.FILMS;
import static org.giggityflix.peer.catalog.internal.PreviousSchemaFixture.MODIFIED;
import static org.giggityflix.peer.catalog.internal.PreviousSchemaFixture.SHOWS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.giggityflix.peer.api.catalog.CachedScreenshot;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.giggityflix.peer.api.catalog.MediaQuery;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code PreviousSchemaTest} is responsible for proving that an upgrade keeps the catalog: a database file written by
 * the previous release's catalog (schema version {@link #FIXTURE_VERSION}, checked in; see
 * {@link PreviousSchemaFixture}) opens with every migration of this build and still holds every row, hash and
 * screenshot it held, and the peer can go on writing to it.
 *
 * <p>It follows {@link Schema#MIGRATIONS}: a migration added later runs here too and must keep these rows.
 */
class PreviousSchemaTest {

    static final String FIXTURE = "/upgrade/catalog-schema-3.db";
    static final int FIXTURE_VERSION = 3;
    private static final MediaQuery EVERY_STATUS = new MediaQuery(EnumSet.allOf(MediaStatus.class), Optional.empty(),
            0, MediaQuery.MAX_LIMIT);

    @TempDir
    Path tmp;

    private Path db;

    @BeforeEach
    void copyFixture() throws IOException {
        db = tmp.resolve("catalog.db");
        try (InputStream in = PreviousSchemaTest.class.getResourceAsStream(FIXTURE)) {
            Files.copy(in, db);
        }
        assertEquals(FIXTURE_VERSION, TestDatabases.queryLong(db, "PRAGMA user_version"), "the fixture's version");
    }

    @Test
    void theNewestSchemaOpensThePreviousCatalogAndMigratesIt() {
        try (SqliteMediaCatalog catalog = TestDatabases.open(db)) {
            assertEquals(Schema.MIGRATIONS.subList(FIXTURE_VERSION, Schema.MIGRATIONS.size()),
                    catalog.appliedMigrations());
        }
        assertEquals(Schema.MIGRATIONS.size(), TestDatabases.queryLong(db, "PRAGMA user_version"));
        assertEquals("ok", TestDatabases.query(db, "PRAGMA integrity_check"));
        assertEquals("0", TestDatabases.query(db, "SELECT count(*) FROM pragma_foreign_key_check"));
    }

    @Test
    void everyRowIsFoundAfterTheUpgrade() {
        try (SqliteMediaCatalog catalog = TestDatabases.open(db)) {
            assertEquals(5, catalog.count(EVERY_STATUS));
            assertEquals(Map.of(MediaStatus.READY, 1L, MediaStatus.PENDING, 1L, MediaStatus.ERROR, 1L,
                    MediaStatus.DELETED, 1L, MediaStatus.PROCESSING, 1L), catalog.countByStatus());

            MediaFile holiday = catalog.findByCatalogId("edge-0001").orElseThrow();
            assertEquals(1, holiday.luid());
            assertEquals(FILMS.resolve("Holiday 2024.mkv"), holiday.path());
            assertEquals(FILMS, holiday.mediaRoot());
            assertEquals(734_003_200L, holiday.size());
            assertEquals(MODIFIED, holiday.modified(), "mtimes survive to the nanosecond");
            assertEquals(MediaStatus.READY, holiday.status());
            assertEquals(Optional.of(new MediaMetadata(5423.5, 1920, 1080, "h264", "aac", 8_000_000L, 23.976,
                    "matroska")), holiday.metadata());
            assertEquals(Map.of("md5", "9e107d9d372bb6826bd81d3542a419d6",
                    "sha1", "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12"), catalog.hashes(1));
            List<CachedScreenshot> shots = catalog.screenshots(1);
            assertEquals(List.of(271.0, 2711.0), shots.stream().map(CachedScreenshot::positionSeconds).toList());
            assertEquals(99_218, catalog.totalSize());

            MediaFile accents = catalog.findByPath(FILMS.resolve("été/Le Déjeuner sur l'herbe.mp4")).orElseThrow();
            assertEquals(2, accents.luid());
            assertEquals(MediaStatus.PENDING, accents.status());
            assertEquals(Optional.of("dev:2049,ino:" + Math.abs("été/Le Déjeuner sur l'herbe.mp4".hashCode())),
                    accents.fileKey());

            MediaFile broken = catalog.find(3).orElseThrow();
            assertEquals(MediaStatus.ERROR, broken.status());
            assertEquals(Optional.of("Invalid data found when processing input"), broken.error());

            MediaFile gone = catalog.findByCatalogId("edge-0004").orElseThrow();
            assertEquals(MediaStatus.DELETED, gone.status());
            assertTrue(catalog.uncatalogedAfter(0, 100).stream().noneMatch(f -> f.luid() == 4));

            MediaFile episode = catalog.listUnderRoot(SHOWS).get(0);
            assertEquals("Show/S01E01.mkv", episode.relativePath());
            assertEquals(MediaStatus.PROCESSING, episode.status());
            assertEquals(Map.of("sha256", "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592"),
                    catalog.hashes(episode.luid()));
        }
    }

    @Test
    void theUpgradedCatalogTakesNewRowsAfterTheOldOnes() {
        try (SqliteMediaCatalog catalog = TestDatabases.open(db)) {
            MediaFile added = catalog.write(b -> b.add(PreviousSchemaFixture.file(SHOWS, "Show/S01E02.mkv", 10)));
            assertEquals(6, added.luid(), "luids are never reused");
            catalog.write(b -> b.catalogId(added.luid(), "edge-0006"));
        }
        try (SqliteMediaCatalog reopened = TestDatabases.open(db)) {
            assertEquals(List.of(), reopened.appliedMigrations());
            assertEquals(6, reopened.count(EVERY_STATUS));
            assertEquals(6, reopened.findByCatalogId("edge-0006").orElseThrow().luid());
        }
    }
}
