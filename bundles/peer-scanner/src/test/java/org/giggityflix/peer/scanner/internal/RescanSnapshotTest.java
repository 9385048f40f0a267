package org.giggityflix.peer.scanner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.giggityflix.peer.api.catalog.EdgeCatalog.RemapResult;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.scan.ScanProgress;
import org.junit.jupiter.api.Test;

/**
 * {@code RescanSnapshotTest} is responsible for proving that the scanner's copy of the catalog ({@link KnownSnapshot})
 * saves rescans the loading of every row without ever making them miss or duplicate a file: it follows the
 * scanner's own writes, every file is still examined on disk, and a write by anybody else makes the next scan load
 * the rows again.
 */
class RescanSnapshotTest extends ScannerTestCase {

    @Test
    void anUnchangedRescanReusesTheCopyAndTheCopyFollowsTheScannersOwnWrites() throws IOException {
        fx.write("a/one.mp4", "one");
        Path two = fx.write("a/two.mp4", "two");
        fx.start();
        fx.scan();
        int loads = fx.catalog.underRootLoads();

        assertCounts(fx.scan().totals(), 2, 0, 0, 0);
        assertEquals(loads, fx.catalog.underRootLoads(), "the rows were not loaded again");

        fx.write("b/three.mp4", "three");
        Files.delete(two);
        assertCounts(fx.scan().totals(), 2, 1, 0, 1);
        assertEquals(List.of("a/one.mp4", "b/three.mp4"), fx.livePaths());

        // The copy now holds the new row and the deleted one: nothing is new or gone twice.
        assertCounts(fx.scan().totals(), 2, 0, 0, 0);
        assertEquals(loads, fx.catalog.underRootLoads(), "still the copy, kept current by the scans' own writes");
        assertEquals(3, fx.catalog.all().size(), "no duplicate row");
    }

    @Test
    void anEditInPlaceThatLeavesTheFolderAloneIsNoticedWithTheCopy() throws IOException {
        Path file = fx.write("films/movie.mp4", "first cut");
        Path folder = file.getParent();
        fx.start();
        fx.scan();
        fx.scan();
        int loads = fx.catalog.underRootLoads();
        FileTime folderTime = Files.getLastModifiedTime(folder);

        // Same folder entry, new content and size, an mtime in the past (settled): only a stat of the file tells.
        Files.writeString(file, "director's cut, longer");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(120)));
        Files.setLastModifiedTime(folder, folderTime);

        assertCounts(fx.scan().totals(), 1, 0, 1, 0);
        assertEquals(loads, fx.catalog.underRootLoads());
        MediaFile row = fx.row(file);
        assertEquals(MediaStatus.READY, row.status());
        assertEquals(md5("director's cut, longer"), fx.catalog.hashes(row.luid()).get("md5"));

        assertCounts(fx.scan().totals(), 1, 0, 0, 0);
    }

    @Test
    void aRowMarkedDeletedByAnotherWriterWhileTheFileIsOnDiskComesBack() throws IOException {
        Path file = fx.write("film.mp4", "still here");
        fx.start();
        fx.scan();
        long luid = fx.row(file).luid();
        assertTrue(fx.scanner.knownSnapshot().holds(fx.catalog, fx.root));

        // Say, a delete the Edge asked for whose file the owner put back: the copy still says READY.
        fx.catalog.write(batch -> batch.deleted(luid));
        assertFalse(fx.scanner.knownSnapshot().holds(fx.catalog, fx.root), "another writer: the copy is stale");

        assertCounts(fx.scan().totals(), 1, 1, 0, 0);
        assertEquals(luid, fx.row(file).luid());
        assertEquals(MediaStatus.READY, fx.row(file).status());
    }

    @Test
    void aFileCatalogedByAnotherWriterIsNeitherNewNorDuplicated() throws IOException {
        fx.write("a.mp4", "a");
        fx.start();
        fx.scan();
        Path late = fx.write("late.mp4", "late");
        FoundFile found = new FoundFile(late, fx.root, "late.mp4", Files.size(late),
                Files.getLastModifiedTime(late).toInstant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                Optional.empty());
        fx.catalog.write(batch -> batch.add(found.toNew()));

        ScanProgress totals = fx.scan().totals();

        assertEquals(0, totals.filesNew(), "it was cataloged already");
        assertEquals(2, fx.catalog.all().size());
        assertEquals(MediaStatus.READY, fx.row(late).status(), "the pending row is hashed");
    }

    @Test
    void aRowRemappedByTheEdgeBetweenScansKeepsItsNewIdThroughARescanAndARename() throws IOException {
        Path file = fx.write("show/ep1.mp4", "episode");
        fx.start();
        fx.scan();
        long luid = fx.row(file).luid();
        fx.catalog.write(batch -> batch.catalogId(luid, "edge-1"));
        fx.scan();

        assertEquals(RemapResult.REMAPPED, fx.catalog.remapCatalogId("edge-1", "edge-2"));
        assertCounts(fx.scan().totals(), 1, 0, 0, 0);
        assertEquals(Optional.of("edge-2"), fx.row(file).catalogId());

        Path renamed = fx.root.resolve("show/episode-1.mp4");
        Files.move(file, renamed);
        ScanProgress totals = fx.scan().totals();
        assertEquals(1, totals.filesMoved());
        assertEquals(0, totals.filesNew());
        assertEquals(luid, fx.row(renamed).luid());
        assertEquals(Optional.of("edge-2"), fx.row(renamed).catalogId());
        assertCounts(fx.scan().totals(), 1, 0, 0, 0);
    }

    private static void assertCounts(ScanProgress totals, long seen, long fresh, long changed, long gone) {
        assertEquals(List.of(seen, fresh, changed, gone),
                List.of(totals.filesSeen(), totals.filesNew(), totals.filesChanged(), totals.filesGone()),
                "seen, new, changed, gone");
    }

    private static String md5(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
