package org.giggityflix.peer.scanner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.giggityflix.peer.api.catalog.KnownFile;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code PackedRowsTest} is responsible for proving that the scanner's compact copy of the catalog's rows gives back
 * exactly what was put — every column, for names and values of every kind a library holds — and follows updates,
 * moves and removals like the map of rows it replaced (a path is one row, a luid is one row).
 */
class PackedRowsTest {

    private static final FileSystem FS = FileSystems.getDefault();
    private static final Instant TIME = Instant.parse("2024-05-01T10:15:30.123Z");

    @Test
    void everyKindOfRowComesBackEqual(@TempDir Path dir) throws Exception {
        Path real = Files.writeString(dir.resolve("real.mkv"), "x");
        String realKey = Files.readAttributes(real, BasicFileAttributes.class).fileKey().toString();
        List<KnownFile> files = List.of(
                row(1, "/media/Films/Alien (1979)/Alien.1979.1080p.BluRay.x264.mkv", 5, TIME, realKey, MediaStatus.READY, true),
                row(2, "/media/Séries/Amélie/épisode 01.mp4", 6, TIME, "(dev=803,ino=12)", MediaStatus.PENDING, false),
                row(3, "/media/アニメ/千と千尋の神隠し.mkv", 7, TIME, null, MediaStatus.PROCESSING, false),
                row(4, "/media/emoji/🎬 premiere.mp4", 8, TIME, "(dev=ffffffffffffffff,ino=-1)", MediaStatus.ERROR, false),
                row(5, "/media/odd/Ωmega – ﬁnal cut.avi", 9, Instant.ofEpochSecond(1, 1), "inode 42",
                        MediaStatus.DELETED, true),
                row(6, "/media/odd/leading zero.mov", 10, Instant.ofEpochMilli(-500), "(dev=0803,ino=12)",
                        MediaStatus.READY, false),
                row(7, "/media/odd/far.mp4", 11, Instant.MAX, "(dev=1,ino=2", MediaStatus.READY, true),
                row(8, "/top.mp4", 0, Instant.EPOCH, "", MediaStatus.READY, false));
        PackedRows rows = PackedRows.of(FS, files);

        for (KnownFile file : files) {
            assertEquals(file, rows.get(Path.of(file.path().toString())), file.path().toString());
        }
        assertEquals(files.stream().filter(f -> f.status() != MediaStatus.DELETED).toList(),
                rows.liveRows(luid -> true), "the live rows, in the order they were put");
        assertEquals(8, rows.size());
        assertEquals(7, rows.live());
        assertNull(rows.get(Path.of("/media/Films/Alien (1979)/Alien.1979.1080p.BluRay.x264.mk")));
        assertNull(rows.get(Path.of("/media/Films/Alien.1979.1080p.BluRay.x264.mkv")), "another folder");
        assertNull(rows.get(Path.of("/media/アニメ/千と千尋の神隠し.mkv2")));
    }

    @Test
    void updatesMovesAndRemovalsFollowTheCatalog() {
        PackedRows rows = PackedRows.of(FS, List.of(
                row(1, "/m/a/one.mp4", 1, TIME, null, MediaStatus.PENDING, false),
                row(2, "/m/a/two.mp4", 2, TIME, null, MediaStatus.DELETED, false),
                row(3, "/m/b/three.mp4", 3, TIME, null, MediaStatus.READY, false)));
        assertEquals(2, rows.live());

        KnownFile hashed = row(1, "/m/a/one.mp4", 1, TIME, "(dev=1,ino=1)", MediaStatus.READY, true);
        rows.put(hashed);
        assertEquals(hashed, rows.get(Path.of("/m/a/one.mp4")), "updated in place");

        KnownFile renamed = row(3, "/m/b/3.mp4", 3, TIME, null, MediaStatus.READY, false);
        rows.put(renamed);
        assertNull(rows.get(Path.of("/m/b/three.mp4")), "a moved row frees its old path");
        assertEquals(renamed, rows.get(Path.of("/m/b/3.mp4")));

        KnownFile ontoDeleted = row(1, "/m/a/two.mp4", 1, TIME, null, MediaStatus.READY, true);
        rows.put(ontoDeleted);
        assertEquals(ontoDeleted, rows.get(Path.of("/m/a/two.mp4")), "a move onto a deleted row's path replaces it");
        assertNull(rows.get(Path.of("/m/a/one.mp4")));
        assertEquals(List.of(1L, 3L), rows.liveRows(luid -> true).stream().map(KnownFile::luid).sorted().toList());
        assertEquals(2, rows.size());

        rows.removeLuid(3);
        rows.trim();
        assertNull(rows.get(Path.of("/m/b/3.mp4")));
        assertEquals(ontoDeleted, rows.get(Path.of("/m/a/two.mp4")), "kept through compaction");
        assertEquals(1, rows.live());
    }

    @Test
    void rowsBelowAFolderAreTheRowsWhosePathStartsWithIt() {
        PackedRows rows = PackedRows.of(FS, List.of(
                row(1, "/m/show/s01/e1.mp4", 1, TIME, null, MediaStatus.READY, false),
                row(2, "/m/show/s01/extra/e2.mp4", 1, TIME, null, MediaStatus.READY, false),
                row(3, "/m/show/s010/e3.mp4", 1, TIME, null, MediaStatus.READY, false),
                row(4, "/m/show/s01.mp4", 1, TIME, null, MediaStatus.READY, false)));
        PackedRows below = rows.below(Path.of("/m/show/s01"));
        assertEquals(List.of(1L, 2L), below.liveRows(luid -> true).stream().map(KnownFile::luid).toList());
        rows.copyBelow(Path.of("/m/show/s010"), below);
        assertEquals(3, below.size());
    }

    /** Thousands of random puts, moves and removals against a plain map of the same rows, with compactions. */
    @Test
    void aLongRunOfChangesAgreesWithAMapOfRows() {
        Random random = new Random(14);
        PackedRows rows = new PackedRows(FS);
        Map<Long, KnownFile> byLuid = new HashMap<>();
        Map<Path, Long> luidByPath = new HashMap<>();
        for (int step = 0; step < 40_000; step++) {
            long luid = random.nextInt(5_000);
            int choice = random.nextInt(10);
            if (choice < 6) {
                KnownFile file = row(luid, "/lib/f" + random.nextInt(60) + "/file-" + random.nextInt(8_000) + ".mkv",
                        random.nextInt(1000), Instant.ofEpochMilli(random.nextInt()),
                        random.nextBoolean() ? "(dev=803,ino=" + random.nextInt() + ")" : null,
                        MediaStatus.values()[random.nextInt(MediaStatus.values().length)], random.nextBoolean());
                Long previous = luidByPath.put(file.path(), luid); // a path is one row
                if (previous != null) {
                    byLuid.remove(previous);
                }
                KnownFile moved = byLuid.put(luid, file); // a luid is one row
                if (moved != null && !moved.path().equals(file.path())) {
                    luidByPath.remove(moved.path());
                }
                rows.put(file);
            } else if (choice < 9) {
                KnownFile gone = byLuid.remove(luid);
                if (gone != null) {
                    luidByPath.remove(gone.path());
                }
                rows.removeLuid(luid);
            } else if (step % 97 == 0) {
                rows.trim();
            }
        }
        for (KnownFile file : byLuid.values()) {
            assertEquals(file, rows.get(file.path()));
        }
        assertEquals(byLuid.size(), rows.size());
        assertEquals(byLuid.values().stream().filter(f -> f.status() != MediaStatus.DELETED)
                .sorted(Comparator.comparingLong(KnownFile::luid)).toList(), sorted(rows.liveRows(luid -> true)));
        assertEquals(List.of(), rows.liveRows(luid -> false));
    }

    private static List<KnownFile> sorted(List<KnownFile> files) {
        List<KnownFile> copy = new ArrayList<>(files);
        copy.sort(Comparator.comparingLong(KnownFile::luid));
        return copy;
    }

    /**
     * A first scan's walk looks rows up on two worker threads while the rows it cataloged meanwhile are put on the
     * inserting thread (growing every array): each lookup still finds the row of its path, or none for a path not put.
     */
    @Test
    void lookupsOnOtherThreadsWhileRowsArePutFindEveryRow() throws Exception {
        int before = 20_000;
        int added = 60_000;
        List<KnownFile> first = new ArrayList<>();
        for (int i = 0; i < before; i++) {
            first.add(row(i, "/media/a/" + (i / 50) + "/file " + i + ".mkv", i, TIME, "(dev=803,ino=" + i + ")",
                    MediaStatus.READY, false));
        }
        PackedRows rows = PackedRows.of(FS, first);
        AtomicBoolean writing = new AtomicBoolean(true);
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> lookups = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int seed = t;
                lookups.add(readers.submit(() -> {
                    Random random = new Random(seed);
                    int done = 0;
                    while (writing.get() || done < before) {
                        KnownFile expected = first.get(random.nextInt(before));
                        KnownFile found = rows.get(Path.of(expected.path().toString()));
                        if (!expected.equals(found)) {
                            wrong.add(expected.path() + " gave " + found);
                        }
                        if (rows.get(Path.of("/media/b/never " + random.nextInt(added) + ".mkv")) != null) {
                            wrong.add("a row for a path never put");
                        }
                        done++;
                    }
                    return done;
                }));
            }
            for (int i = 0; i < added; i++) {
                rows.put(row(before + i, "/media/c/" + (i / 50) + "/new " + i + ".mkv", i, TIME,
                        "(dev=803,ino=" + (before + i) + ")", MediaStatus.PENDING, false));
            }
            writing.set(false);
            for (Future<Integer> lookup : lookups) {
                lookup.get(2, TimeUnit.MINUTES);
            }
        } finally {
            readers.shutdownNow();
        }
        assertEquals(List.of(), wrong.subList(0, Math.min(5, wrong.size())), "lookups while rows were put");
        assertEquals(before + added, rows.size());
    }

    private static KnownFile row(long luid, String path, long size, Instant modified, String key, MediaStatus status,
                                 boolean probed) {
        return new KnownFile(luid, Path.of(path), size, modified, Optional.ofNullable(key), status, probed);
    }
}
