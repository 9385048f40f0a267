package org.giggityflix.peer.scanner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.scan.ScanProgress;
import org.giggityflix.peer.api.scan.ScanReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code AddedMediaDirTest} is responsible for proving that a media dir added beside a cataloged library is cataloged
 * while it is walked (browsable before the walk ends, as a first scan is) when no file of the library is gone, and
 * that it is not when one is: then a file of the new dir may be a library file moved there, and keeps its row.
 */
class AddedMediaDirTest extends ScannerTestCase {

    /**
     * The added dir: three batches of {@link BatchWriter#ADD_ALL_SIZE} and some: the walk, once it has handed over
     * the third, waits for the first ({@link FirstScanInserter}'s bound), so the first write starts before it has seen all.
     */
    private static final int ADDED = 3 * BatchWriter.ADD_ALL_SIZE + 500;

    private final List<Path> library = new ArrayList<>();
    private final List<Path> added = new ArrayList<>();
    private Path addedDir;

    @BeforeEach
    void setUp() throws IOException {
        for (int i = 0; i < 50; i++) {
            library.add(fx.write(String.format("films/film %02d.mkv", i), "film " + i));
        }
        addedDir = Files.createDirectories(tmp.resolve("added"));
        for (int i = 0; i < ADDED; i++) {
            added.add(ScannerFixture.write(addedDir, String.format("d%02d/clip %05d.mp4", i / 1000, i),
                    ("clip " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
    }

    @Test
    void aDirAddedBesideAnUnchangedLibraryIsCatalogedWhileItIsWalkedEvenWhenListedFirst() {
        fx.start();
        fx.scan();
        Map<Path, Long> libraryLuids = luidsByPath();
        fx.scanner.deactivate();
        // Listed before the library: the library is still walked first, so the new dir's files can only be new.
        fx.start("mediaDirs", addedDir + "," + fx.root);
        AtomicLong seenAtFirstWrite = new AtomicLong(-1);
        fx.catalog.beforeWrite(number -> {
            if (seenAtFirstWrite.get() < 0) {
                seenAtFirstWrite.set(fx.scanner.status().current().map(ScanProgress::filesSeen).orElse(-1L));
            }
        });

        ScanReport report = fx.scan();

        long total = library.size() + ADDED;
        assertTrue(seenAtFirstWrite.get() > library.size() && seenAtFirstWrite.get() < total,
                "the first rows were written while the walk had seen " + seenAtFirstWrite.get() + " of " + total
                        + " (the library's " + library.size() + " first)");
        assertEquals(ADDED, report.totals().filesNew());
        assertEquals(0, report.totals().filesGone());
        assertEquals(libraryLuids, luidsByPath().entrySet().stream().filter(e -> library.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "the library's rows untouched");
        assertEveryFileOnceAndReady();
    }

    @Test
    void aLibraryFileMovedIntoTheAddedDirKeepsItsRowSoNothingIsCatalogedBeforeTheWalkEnds() throws IOException {
        fx.start();
        fx.scan();
        Path film = library.remove(7);
        long luid = fx.row(film).luid();
        Path moved = Files.move(film, addedDir.resolve("d00").resolve("moved film.mkv"));
        added.add(moved);
        fx.scanner.deactivate();
        fx.start("mediaDirs", fx.root + "," + addedDir);
        AtomicLong seenAtFirstWrite = new AtomicLong(-1);
        fx.catalog.beforeWrite(number -> {
            if (seenAtFirstWrite.get() < 0) {
                seenAtFirstWrite.set(fx.scanner.status().current().map(ScanProgress::filesSeen).orElse(-1L));
            }
        });

        ScanReport report = fx.scan();

        assertEquals(library.size() + added.size(), seenAtFirstWrite.get(), "nothing written before the walk ended");
        assertEquals(luid, fx.row(moved).luid(), "the moved film is the same row");
        assertEquals(1, report.totals().filesMoved());
        assertEquals(0, report.totals().filesGone());
        assertEquals(ADDED, report.totals().filesNew());
        assertEveryFileOnceAndReady();
    }

    private Map<Path, Long> luidsByPath() {
        return fx.catalog.live().stream().collect(Collectors.toMap(MediaFile::path, MediaFile::luid));
    }

    private void assertEveryFileOnceAndReady() {
        List<MediaFile> live = fx.catalog.live();
        List<Path> all = new ArrayList<>(library);
        all.addAll(added);
        assertEquals(all.size(), live.size(), "one row per file");
        Map<Path, MediaFile> byPath = live.stream().collect(Collectors.toMap(MediaFile::path, Function.identity()));
        assertEquals(new HashSet<>(all), byPath.keySet(), "each file's own path, none twice");
        assertTrue(live.stream().allMatch(row -> row.status() == MediaStatus.READY),
                "every file hashed and READY");
    }
}
