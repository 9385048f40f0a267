package org.giggityflix.peer.catalog.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.giggityflix.peer.api.catalog.CachedScreenshot;
import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.catalog.NewMediaFile;

/**
 * {@code PreviousSchemaFixture} is responsible for writing the catalog file {@link PreviousSchemaTest} opens: the
 * rows it describes, written by the catalog code of the schema version being released.
 *
 * <p>Run once per release, before a migration is added, with the catalog code of that release:
 * {@code java -cp <test classpath> ...PreviousSchemaFixture src/test/resources/upgrade/catalog-schema-N.db}
 * (or from an IDE), then check the file in and point {@link PreviousSchemaTest#FIXTURE} at it. The file
 * {@code catalog-schema-3.db} was written this way by the catalog at schema version 3.
 */
final class PreviousSchemaFixture {

    static final Path FILMS = Path.of("/srv/media/films");
    static final Path SHOWS = Path.of("/srv/media/shows");
    static final Instant MODIFIED = Instant.parse("2024-05-01T10:15:30.123456789Z");

    private PreviousSchemaFixture() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]).toAbsolutePath();
        Files.deleteIfExists(out);
        try (SqliteMediaCatalog catalog = TestDatabases.open(out)) {
            long holiday = catalog.write(b -> {
                long luid = b.add(file(FILMS, "Holiday 2024.mkv", 734_003_200L)).luid();
                b.metadata(luid, new MediaMetadata(5423.5, 1920, 1080, "h264", "aac", 8_000_000L, 23.976, "matroska"));
                b.hashes(luid, Map.of("md5", "9e107d9d372bb6826bd81d3542a419d6",
                        "sha1", "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12"));
                b.status(luid, MediaStatus.READY, Optional.empty());
                b.catalogId(luid, "edge-0001");
                return luid;
            });
            catalog.put(List.of(
                    new CachedScreenshot(holiday, 271.0, 271.4, Path.of("/var/lib/peer/screenshots/1-271.jpg"),
                            48_211, 1920, 1080, MODIFIED, MODIFIED),
                    new CachedScreenshot(holiday, 2711.0, 2710.2, Path.of("/var/lib/peer/screenshots/1-2711.jpg"),
                            51_007, 1920, 1080, MODIFIED, MODIFIED.plusSeconds(60))));
            catalog.write(b -> b.add(file(FILMS, "été/Le Déjeuner sur l'herbe.mp4", 12_345)));
            catalog.write(b -> {
                long luid = b.add(file(FILMS, "broken.avi", 4096)).luid();
                return b.status(luid, MediaStatus.ERROR, Optional.of("Invalid data found when processing input"));
            });
            catalog.write(b -> {
                long luid = b.add(file(FILMS, "gone.mov", 1)).luid();
                b.catalogId(luid, "edge-0004");
                return b.deleted(luid);
            });
            catalog.write(b -> {
                long luid = b.add(file(SHOWS, "Show/S01E01.mkv", 350_000_000L)).luid();
                b.hashes(luid, Map.of("sha256",
                        "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592"));
                return b.status(luid, MediaStatus.PROCESSING, Optional.empty());
            });
        }
        try (Connection connection = TestDatabases.sqlite(out).getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("VACUUM"); // small and in one file: it is checked in
        }
    }

    static NewMediaFile file(Path root, String relativePath, long size) {
        return new NewMediaFile(root.resolve(relativePath), root, relativePath, size, MODIFIED,
                Optional.of("dev:2049,ino:" + Math.abs(relativePath.hashCode())));
    }
}
