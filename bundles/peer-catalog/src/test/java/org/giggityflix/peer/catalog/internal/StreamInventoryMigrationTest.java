package org.giggityflix.peer.catalog.internal;

import static org.giggityflix.peer.catalog.internal.TestDatabases.newFile;
import static org.giggityflix.peer.catalog.internal.TestDatabases.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.giggityflix.peer.api.catalog.HdrTransfer;
import org.giggityflix.peer.api.catalog.KnownFile;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.giggityflix.peer.api.catalog.MediaQuery;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.catalog.MediaStream;
import org.giggityflix.peer.api.catalog.StreamKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code StreamInventoryMigrationTest} is responsible for proving that a catalog written by the previous schema
 * (version 3, made with its own DDL) opens with every row, hash and metadata value kept, that its probed rows are
 * marked for a probe (not a re-hash) by the next scan, and that a stream inventory round-trips through the catalog.
 */
class StreamInventoryMigrationTest {

    private static final List<Migration> PREVIOUS = Schema.MIGRATIONS.subList(0, 3);

    @TempDir
    Path tmp;

    private Path db() {
        return tmp.resolve("catalog.db");
    }

    @Test
    void aCatalogOfThePreviousSchemaKeepsEveryRowAndMarksProbedRowsForAProbe() {
        // The previous version's schema, made by its own migrations (its DDL), then rows as its statements left
        // them: a probed, hashed READY film and a PENDING file.
        new SqliteMediaCatalog(TestDatabases.sqlite(db()), db(), PREVIOUS, Clock.systemUTC()).close();
        long probed = 1;
        long pending = 2;
        String root = tmp.toString();
        execute("INSERT INTO media_files (luid, path, media_root, relative_path, relative_path_lower, size, mtime,"
                + " status, probed, duration, width, height, video_codec, audio_codec, bitrate, frame_rate, container,"
                + " discovered, updated) VALUES (1, '" + root + "/film.mkv', '" + root + "', 'film.mkv', 'film.mkv',"
                + " 1000, 7, 'READY', 1, 12.5, 1920, 1080, 'h264', 'aac', 4000000, 25.0, 'matroska', 1, 2)");
        execute("INSERT INTO media_files (luid, path, media_root, relative_path, relative_path_lower, size, mtime,"
                + " status, discovered, updated) VALUES (2, '" + root + "/new.mkv', '" + root + "', 'new.mkv',"
                + " 'new.mkv', 2000, 8, 'PENDING', 3, 4)");
        execute("INSERT INTO hashes (luid, algorithm, value) VALUES (1, 'md5', '0123abcd')");
        assertEquals("3", query(db(), "PRAGMA user_version"));

        try (SqliteMediaCatalog catalog = TestDatabases.open(db())) {
            assertEquals(4, catalog.appliedMigrations().get(0).version());
            assertEquals(2, catalog.count(MediaQuery.firstPage(10)));
            MediaFile film = catalog.find(probed).orElseThrow();
            assertEquals(MediaStatus.READY, film.status());
            MediaMetadata metadata = film.metadata().orElseThrow();
            assertEquals(new MediaMetadata(12.5, 1920, 1080, "h264", "aac", 4_000_000L, 25.0, "matroska"), metadata);
            assertEquals(List.of(), metadata.streams());
            assertEquals(Map.of("md5", "0123abcd"), catalog.hashes(probed));
            assertTrue(catalog.find(pending).orElseThrow().metadata().isEmpty());

            KnownFile known = known(catalog, probed);
            assertFalse(known.probed(), "a row probed without streams is probed again by the next scan");
            assertEquals(MediaStatus.READY, known.status(), "and not hashed again: it stays READY");

            catalog.write(batch -> batch.metadata(probed, withStreams()));

            assertTrue(known(catalog, probed).probed());
            assertEquals(withStreams(), catalog.find(probed).orElseThrow().metadata().orElseThrow());
            assertEquals(withStreams(), catalog.list(MediaQuery.firstPage(10)).get(0).metadata().orElseThrow());
        }
        assertEquals(String.valueOf(Schema.MIGRATIONS.size()), query(db(), "PRAGMA user_version"));
        assertEquals("ok", query(db(), "PRAGMA integrity_check"));
    }

    @Test
    void aProbeThatListsNoStreamsCountsAsProbed() {
        try (SqliteMediaCatalog catalog = TestDatabases.open(db())) {
            long luid = catalog.write(batch -> batch.add(newFile(tmp, "a.y4m", 10))).luid();
            catalog.write(batch -> batch.metadata(luid, new MediaMetadata(1.0, 4, 4, "rawvideo", null, 1L, 1.0, null)));

            assertTrue(known(catalog, luid).probed());
            assertEquals(List.of(), catalog.find(luid).orElseThrow().metadata().orElseThrow().streams());
        }
    }

    @Test
    void aChangedFileLosesItsInventoryWithItsMetadata() {
        try (SqliteMediaCatalog catalog = TestDatabases.open(db())) {
            long luid = catalog.write(batch -> batch.add(newFile(tmp, "a.mkv", 10))).luid();
            catalog.write(batch -> batch.metadata(luid, withStreams()));

            catalog.write(batch -> batch.changed(luid, 11, java.time.Instant.now(), Optional.empty()));

            assertTrue(catalog.find(luid).orElseThrow().metadata().isEmpty());
            assertFalse(known(catalog, luid).probed());
            assertNull(query(db(), "SELECT streams FROM media_files WHERE luid = " + luid));
        }
    }

    @Test
    void anUnreadableStoredInventoryLeavesTheRowReadable() {
        try (SqliteMediaCatalog catalog = TestDatabases.open(db())) {
            long luid = catalog.write(batch -> batch.add(newFile(tmp, "a.mkv", 10))).luid();
            catalog.write(batch -> batch.metadata(luid, withStreams()));
            execute("UPDATE media_files SET streams = '[{\"index\":0,\"kind\":' WHERE luid = " + luid);

            MediaMetadata metadata = catalog.find(luid).orElseThrow().metadata().orElseThrow();

            assertEquals(List.of(), metadata.streams());
            assertEquals(1920, metadata.width());
        }
    }

    /** A film as a release group makes it: portrait-free HEVC 10-bit PQ, two audio languages, forced subtitles. */
    static MediaMetadata withStreams() {
        List<MediaStream> streams = List.of(
                MediaStream.builder(0, StreamKind.VIDEO).codec("hevc").profile("Main 10").displaySize(1920, 1080)
                        .codedSize(1920, 1080).sampleAspectRatio("1:1").rotation(0).pixelFormat("yuv420p10le")
                        .bitDepth(10).hdr(HdrTransfer.PQ).frameRate(23.976).defaultTrack(true).build(),
                MediaStream.builder(1, StreamKind.AUDIO).codec("eac3").channels(6).channelLayout("5.1(side)")
                        .sampleRate(48_000).language("eng").title("English \"Atmos\"\\ 5.1").defaultTrack(true)
                        .build(),
                MediaStream.builder(2, StreamKind.AUDIO).codec("aac").profile("LC").channels(2)
                        .channelLayout("stereo").sampleRate(48_000).language("fre").title("Français").build(),
                MediaStream.builder(3, StreamKind.SUBTITLE).codec("subrip").language("fre").title("Forcés\n")
                        .forced(true).build(),
                MediaStream.builder(4, StreamKind.ATTACHMENT).codec("ttf").build(),
                MediaStream.builder(5, StreamKind.VIDEO).codec("h264").displaySize(180, 320).codedSize(320, 180)
                        .rotation(90).flipped(true).bitDepth(8).hdr(HdrTransfer.HLG).build());
        return new MediaMetadata(12.5, 1920, 1080, "hevc", "eac3", 4_000_000L, 23.976, "matroska", streams);
    }

    private static KnownFile known(SqliteMediaCatalog catalog, long luid) {
        MediaFile row = catalog.find(luid).orElseThrow();
        return catalog.knownUnderRoot(row.mediaRoot()).stream().filter(k -> k.luid() == luid).findFirst()
                .orElseThrow();
    }

    private void execute(String sql) {
        try (Connection connection = TestDatabases.sqlite(db()).getConnection();
             Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
