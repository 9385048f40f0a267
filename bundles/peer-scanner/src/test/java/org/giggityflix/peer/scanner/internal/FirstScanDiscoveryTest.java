package org.giggityflix.peer.scanner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.giggityflix.peer.api.catalog.CatalogException;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.scan.ScanProgress;
import org.giggityflix.peer.api.scan.ScanReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code FirstScanDiscoveryTest} is responsible for proving that a first scan catalogs new files while its walk goes
 * on (the library is browsable before the walk ends), and that a walk cut short — by a failing catalog or by the
 * scanner being stopped — leaves every file cataloged exactly once after the next scan, hashed correctly.
 */
class FirstScanDiscoveryTest extends ScannerTestCase {

    /**
     * Three full batches of {@link BatchWriter#ADD_ALL_SIZE} and a part of a fourth, in folders of 1,000: the walk
     * hands batches to the inserting thread and, once it has handed over the third, waits for the first, so the first
     * write starts before the walk has seen every file, however the threads are scheduled.
     */
    private static final int FILES = 3 * BatchWriter.ADD_ALL_SIZE + 1000;

    private final List<Path> files = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        for (int i = 0; i < FILES; i++) {
            files.add(fx.write(String.format("d%02d/f%05d.mp4", i / 1000, i), "content of file " + i));
        }
    }

    @Test
    void aFirstScanCatalogsFilesBeforeItsWalkHasSeenThemAll() {
        AtomicLong seenAtFirstWrite = new AtomicLong(-1);
        fx.start();
        fx.catalog.beforeWrite(number -> {
            if (number == 1) {
                seenAtFirstWrite.set(fx.scanner.status().current().map(ScanProgress::filesSeen).orElse(-1L));
            }
        });

        ScanReport report = fx.scan();

        assertTrue(seenAtFirstWrite.get() > 0 && seenAtFirstWrite.get() < FILES,
                "the first rows were written while the walk had seen " + seenAtFirstWrite.get() + " of " + FILES);
        assertEquals(FILES, report.totals().filesNew());
        assertEveryFileOnceAndHashed();
    }

    @Test
    void aCatalogFailingMidWalkLeavesNothingHalfDoneAndTheNextScanCatalogsTheRestOnce() {
        fx.start();
        // The first write's size depends on timing (the scanner also writes a batch 250 ms after its first file),
        // so what it committed is read when the second write starts, just before that write fails.
        AtomicLong firstWriteRows = new AtomicLong(-1);
        fx.catalog.beforeWrite(number -> {
            if (number == 2) {
                firstWriteRows.set(fx.catalog.live().size());
                throw new CatalogException("disk full (test)");
            }
        });

        ScanReport failed = fx.scan();

        assertTrue(failed.problems().stream().anyMatch(line -> line.contains("catalog error, scan stopped")),
                failed.problems().toString());
        int kept = fx.catalog.live().size();
        assertTrue(kept > 0 && kept < FILES, "the first batch was written, the walk stopped: kept " + kept);
        assertEquals(firstWriteRows.get(), kept, "the first batch is kept whole, the failed one not at all");
        assertEquals(kept, new HashSet<>(fx.livePaths()).size());

        fx.catalog.beforeWrite(number -> { });
        ScanReport next = fx.scan();

        assertEquals(FILES, next.totals().filesSeen());
        assertEquals(FILES - kept, next.totals().filesNew(), "what the failed scan kept is not new again");
        assertEveryFileOnceAndHashed();
    }

    @Test
    void aScannerStoppedMidWalkLeavesTheNextScannerNothingToDuplicate() throws Exception {
        CountDownLatch firstWrite = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        DirectoryMediaScanner first = fx.start();
        fx.catalog.beforeWrite(number -> {
            if (number == 1) {
                firstWrite.countDown();
                try {
                    never.await(ScannerFixture.DEADLINE.toSeconds(), TimeUnit.SECONDS); // until the scanner stops
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // the stop: the walk sees it after this write
                }
            }
        });
        var scan = first.scan(org.giggityflix.peer.api.scan.ScanRequest.incremental()).toCompletableFuture();
        assertTrue(firstWrite.await(ScannerFixture.DEADLINE.toSeconds(), TimeUnit.SECONDS));

        first.deactivate();

        assertTrue(scan.isDone(), "a stopped scanner leaves no scan running");
        int kept = fx.catalog.live().size();
        assertTrue(kept < FILES, "stopped mid-walk: " + kept + " of " + FILES + " cataloged");
        fx.catalog.beforeWrite(number -> { });
        fx.start();
        ScanReport next = fx.scan();

        assertEquals(FILES - kept, next.totals().filesNew());
        assertEveryFileOnceAndHashed();
    }

    /** Every file has exactly one live row at its path, with its size, READY, and its md5 as computed here. */
    private void assertEveryFileOnceAndHashed() {
        List<MediaFile> live = fx.catalog.live();
        assertEquals(FILES, live.size(), "one row per file");
        Map<Path, MediaFile> byPath = new HashMap<>();
        live.forEach(row -> byPath.put(row.path(), row));
        assertEquals(new HashSet<>(files), byPath.keySet(), "each file's own path, none twice");
        for (int i = 0; i < FILES; i++) {
            MediaFile row = byPath.get(files.get(i));
            byte[] content = ("content of file " + i).getBytes(StandardCharsets.UTF_8);
            assertEquals(content.length, row.size());
            assertEquals(MediaStatus.READY, row.status(), files.get(i).toString());
            assertEquals(md5(content), fx.catalog.hashes(row.luid()).get("md5"), files.get(i).toString());
        }
    }

    private static String md5(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
