package org.giggityflix.peer.scanner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.management.JMException;

import org.giggityflix.peer.api.scan.ScanReport;
import org.giggityflix.peer.api.scan.ScanRequest;
import org.junit.jupiter.api.Test;

/**
 * {@code PerFileMemoryTest} is responsible for proving that what the scanner keeps between scans for each cataloged
 * file (its copy of the catalog's rows, {@link KnownSnapshot}) stays within a bound in bytes per file, so that a
 * library of 1,000,000 files fits the distribution's default heap (768 MiB, {@code bin/setenv}) with room for the
 * rest of the peer (a scan's own working set comes on top while it runs).
 *
 * <p>Measured with the JVM's class histogram (the {@code GC.class_histogram} diagnostic command: a full collection,
 * then every live object counted), not with timing or sampled heap figures: the live heap with the scanner holding
 * its copy after rescans, against the live heap once the scanner is stopped and unreachable, the catalog (an
 * in-memory one, which holds its rows in both, handing out rows of their own as the SQLite catalog does) unchanged.
 */
class PerFileMemoryTest extends ScannerTestCase {

    /** Files in the library: enough that the scanner's fixed costs (threads, settings) are a few bytes per file. */
    private static final int FILES = 10_000;
    private static final int PER_FOLDER = 100;

    /**
     * The bound, in bytes per cataloged file. Measured 2026-12-07 (OpenJDK 17, compressed oops, paths of about
     * 55 characters, 100 files a folder): 83 bytes — {@link PackedRows}' numbers (luid, size, mtime, the inode's two
     * numbers, a hash, a flags byte), the name's 15 bytes with its folder and end, and two row tables (by path, by
     * luid). It was 381 bytes when the copy held a {@code KnownFile} per file with its {@code Path}, {@code Instant}
     * and file-key text in two hash maps. 1,000,000 such files keep about 80 MiB of a 768 MiB heap; the bound leaves
     * about 15 % for another JVM's layout.
     */
    private static final long BOUND_BYTES_PER_FILE = 95;

    @Test
    void theScannerKeepsABoundedNumberOfBytesPerCatalogedFile() throws IOException, JMException {
        // The bound counts 4-byte references: peer-scanner's surefire argLine fixes -Xmx1g, which keeps them so.
        LiveHeap.assumeCompressedOops();
        for (int i = 0; i < FILES; i++) {
            Path folder = fx.root.resolve(String.format("show-%02d/season-%03d", i / (PER_FOLDER * 100),
                    i / PER_FOLDER % 100));
            if (i % PER_FOLDER == 0) {
                Files.createDirectories(folder);
            }
            Files.writeString(folder.resolve(String.format("episode-%03d.mp4", i % PER_FOLDER)), "e" + i);
        }
        fx.start("hashAlgorithms", "md5");
        assertEquals(FILES, scan().totals().filesNew(), "first scan");

        // The peer restarted: a new scanner loads the rows (as the SQLite catalog reads them: objects of their own),
        // rescans the unchanged library and keeps its copy for the next rescan.
        fx.scanner.deactivate();
        fx.catalog.detachedKnownRows();
        fx.start("hashAlgorithms", "md5");
        int loads = fx.catalog.underRootLoads();
        assertUnchanged(scan());
        assertEquals(loads + 1, fx.catalog.underRootLoads(), "the new scanner loaded the rows once");
        assertUnchanged(scan());
        assertEquals(loads + 1, fx.catalog.underRootLoads(), "the next rescan used the scanner's copy of the rows");

        long withScanner = LiveHeap.bytes();
        fx.scanner.deactivate();
        fx.scanner = null;
        long withoutScanner = LiveHeap.bytes();

        long perFile = (withScanner - withoutScanner) / FILES;
        System.out.printf("PerFileMemoryTest: the scanner keeps %,d bytes for %,d files: %d bytes per file%n",
                withScanner - withoutScanner, FILES, perFile);
        assertTrue(perFile > 0, "the measurement sees the scanner's copy of the rows (" + perFile + " bytes)");
        assertTrue(perFile <= BOUND_BYTES_PER_FILE, "the scanner keeps " + perFile + " bytes per cataloged file, more"
                + " than the bound of " + BOUND_BYTES_PER_FILE);
    }

    private static void assertUnchanged(ScanReport rescan) {
        assertEquals(List.of((long) FILES, 0L, 0L, 0L), List.of(rescan.totals().filesSeen(), rescan.totals().filesNew(),
                rescan.totals().filesChanged(), rescan.totals().filesGone()), "rescan: seen, new, changed, gone");
    }

    /** A scan to its end, with a deadline for a loaded build machine (a first scan hashes every file). */
    private ScanReport scan() {
        try {
            return fx.scanner.scan(ScanRequest.incremental()).toCompletableFuture().get(5, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new AssertionError("scan did not finish", e);
        }
    }
}
