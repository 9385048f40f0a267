package org.giggityflix.peer.scanner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.catalog.MediaStream;
import org.giggityflix.peer.api.catalog.StreamKind;
import org.giggityflix.peer.api.media.MediaProbe;
import org.giggityflix.peer.api.scan.ScanReport;
import org.giggityflix.peer.api.scan.ScanRequest;
import org.giggityflix.peer.api.scan.ScanStatus;
import org.giggityflix.peer.testsupport.Await;
import org.junit.jupiter.api.Test;

/**
 * {@code ScannerLifecycleTest} is responsible for the scanner as a running component: live watching,
 * configuration changes and bad values, one scan at a time, progress, probes, settling, and a clean stop.
 */
class ScannerLifecycleTest extends ScannerTestCase {

    @Test
    void watchedRootReflectsNewDeletedAndRenamedFilesWithinSeconds() throws Exception {
        Path existing = fx.write("existing.mp4", "old");
        fx.start("watchEnabled", true);
        fx.scan();
        assertTrue(fx.scanner.status().watch().watched() >= 1);

        Path created = fx.write("created.mp4", "new");
        Await.until("the new file is READY", () -> fx.hasStatus(created, MediaStatus.READY));

        Path inNewFolder = fx.write("new folder/deeper.mkv", "deep");
        Await.until("a file in a new folder is READY", () -> fx.hasStatus(inNewFolder, MediaStatus.READY));

        long luid = fx.row(existing).luid();
        Path renamed = Files.move(existing, fx.root.resolve("renamed.mp4"));
        Await.until("the rename is seen", () -> fx.maybeRow(renamed).map(r -> r.luid() == luid).orElse(false));

        Files.delete(created);
        Await.until("the deleted file is DELETED", () -> fx.hasStatus(created, MediaStatus.DELETED));
    }

    @Test
    void fileStillBeingWrittenIsHashedOnlyOnceSettled() throws Exception {
        Path file = fx.write("copying.mp4", "partial");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        fx.start("settleSeconds", 2);

        fx.scan();

        assertEquals(MediaStatus.PENDING, fx.row(file).status(), "too fresh to hash");
        assertEquals(0, fx.md5.digestsStarted.get());
        Await.until("the settled file is READY", () -> fx.hasStatus(file, MediaStatus.READY));
    }

    @Test
    void badConfigurationIsReportedAndTheScannerKeepsWorkingWithDefaults() throws Exception {
        Path file = fx.write("a.mp4", "a");
        fx.start("scanIntervalMinutes", -5, "includeExtensions", " ", "hashAlgorithms", "nope");

        ScanReport report = fx.scan();

        assertEquals(MediaStatus.READY, fx.row(file).status());
        assertEquals(Set.of("md5", "sha1"), fx.catalog.hashes(fx.row(file).luid()).keySet());
        List<String> problems = report.problems();
        assertTrue(problems.stream().anyMatch(l -> l.startsWith("configuration:") && l.contains("scanIntervalMinutes")),
                problems::toString);
        assertTrue(problems.stream().anyMatch(l -> l.contains("includeExtensions")), problems::toString);
        assertTrue(problems.stream().anyMatch(l -> l.contains("'nope'")), problems::toString);
        assertTrue(fx.scanner.status().nextScheduled().isPresent(), "the default interval applies");

        fx.scanner.modified(fx.config("settleSeconds", "soon", "readersPerDrive", 0));
        Path second = fx.write("b.mkv", "b");
        // settleSeconds fell back to its default (3 s): a file that old is settled.
        Files.setLastModifiedTime(second, FileTime.from(Instant.now().minusSeconds(60)));
        // The change itself starts a rescan, and scan() joins a running one, which may have walked past before the
        // file existed: the next scan, started after it, must catalog it.
        Await.until("b.mkv is READY after a scan that started once it existed", () -> {
            fx.scan();
            return fx.catalog.findByPath(second).map(f -> f.status() == MediaStatus.READY).orElse(false);
        });
    }

    @Test
    void modifiedConfigurationAppliesLive() throws Exception {
        Path other = Files.createDirectories(tmp.resolve("other"));
        Path there = ScannerFixture.write(other, "film.mov", "x".getBytes());
        fx.start();
        fx.scan();
        assertTrue(fx.scanner.status().nextScheduled().isEmpty(), "interval 0: no periodic scan");

        fx.scanner.modified(fx.config("mediaDirs", fx.root + "," + other, "scanIntervalMinutes", 5));

        Await.until("the added media dir is scanned", () -> fx.hasStatus(there, MediaStatus.READY));
        assertTrue(fx.scanner.status().nextScheduled().isPresent(), "the new interval is scheduled");
        assertEquals(2, fx.scanner.status().roots().size());
    }

    @Test
    void aScanRequestJoinsTheRunningScanAndAFullOneIsQueuedAfterIt() throws Exception {
        fx.write("a.mp4", "a");
        CountDownLatch hashing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        fx.md5.onNewDigest(() -> {
            hashing.countDown();
            await(release);
        });
        fx.start();

        CompletableFuture<ScanReport> first = fx.scanner.scan(ScanRequest.incremental()).toCompletableFuture();
        assertTrue(hashing.await(30, TimeUnit.SECONDS), "the scan reached hashing");
        CompletableFuture<ScanReport> joined = fx.scanner.scan(ScanRequest.incremental()).toCompletableFuture();
        CompletableFuture<ScanReport> full = fx.scanner.scan(ScanRequest.fullScan()).toCompletableFuture();
        ScanStatus during = fx.scanner.status();
        release.countDown();

        assertSame(first, joined, "an incremental request joins the running scan");
        assertNotSame(first, full, "a full request is queued behind an incremental one");
        assertTrue(during.running());
        assertEquals(1, during.current().orElseThrow().bytesToHash());
        assertFalse(ScannerFixture.await(first).totals().full());
        assertTrue(ScannerFixture.await(full).totals().full());
        Await.until("nothing runs any more", () -> !fx.scanner.status().running());
        assertTrue(fx.scanner.status().last().isPresent());
    }

    @Test
    void probeServicesAddFormatsAndTheHighestRankedOneProbes() throws Exception {
        Path webm = fx.write("clip.webm", "webm");
        Path mkv = fx.write("film.mkv", "mkv");
        Path broken = fx.write("broken.mp4", "mp4");
        fx.start();
        MediaMetadata low = new MediaMetadata(1.0, 1, 1, "low", null, null, null, "low");
        MediaMetadata high = new MediaMetadata(2.0, 1920, 1080, "h264", "aac", 5_000_000L, 25.0, "matroska");
        fx.scanner.addProbe(new FixedProbe(Set.of(".mkv", ".webm"), low, null),
                Map.of("service.ranking", 1, "service.id", 10L, ScannerConstants.PROBE_INCLUDE_PROPERTY, true));
        fx.scanner.addProbe(new FixedProbe(Set.of(".mkv"), high, null), Map.of("service.ranking", 5, "service.id", 11L));
        fx.scanner.addProbe(new FixedProbe(Set.of(".mp4"), null, "moov atom not found"), Map.of("service.id", 12L));

        fx.scan();

        Await.until("the webm file, added by a probe, is READY", () -> fx.hasStatus(webm, MediaStatus.READY));
        Await.until("the mkv is probed", () -> fx.hasStatus(mkv, MediaStatus.READY));
        assertEquals(high, fx.row(mkv).metadata().orElseThrow(), "the highest ranking probe wins");
        Await.until("the broken file is an ERROR", () -> fx.hasStatus(broken, MediaStatus.ERROR));
        assertTrue(fx.row(broken).error().orElseThrow().contains("moov atom not found"));
    }

    @Test
    void aRowProbedBeforeTheStreamInventoryIsProbedAgainWithoutBeingHashedAgain() throws Exception {
        Path film = fx.write("film.mkv", "mkv");
        fx.start();
        MediaMetadata before = new MediaMetadata(2.0, 1920, 1080, "h264", "aac", 5_000_000L, 25.0, "matroska");
        MediaMetadata inventory = new MediaMetadata(2.0, 1920, 1080, "h264", "aac", 5_000_000L, 25.0, "matroska",
                List.of(MediaStream.builder(0, StreamKind.VIDEO).codec("h264").build(),
                        MediaStream.builder(1, StreamKind.AUDIO).codec("aac").language("eng").build()));
        AtomicReference<MediaMetadata> answer = new AtomicReference<>(before);
        AtomicInteger probes = new AtomicInteger();
        MediaProbe probe = new MediaProbe() {
            @Override
            public Set<String> extensions() {
                return Set.of(".mkv");
            }

            @Override
            public MediaMetadata probe(Path file) {
                probes.incrementAndGet();
                return answer.get();
            }
        };
        fx.scanner.addProbe(probe, Map.of("service.id", 10L));
        fx.scan();
        Await.until("the film is probed", () -> fx.hasStatus(film, MediaStatus.READY));
        Map<String, String> digests = fx.catalog.hashes(fx.row(film).luid());
        int hashed = fx.md5.digestsStarted.get();

        fx.catalog.probedOnlyWithStreams(); // what the catalog's migration 4 makes of the row
        answer.set(inventory);
        fx.scan();

        Await.until("the film's streams are listed", () -> fx.row(film).metadata().orElseThrow().equals(inventory));
        assertEquals(MediaStatus.READY, fx.row(film).status());
        assertEquals(digests, fx.catalog.hashes(fx.row(film).luid()));
        assertEquals(hashed, fx.md5.digestsStarted.get(), "the unchanged file was not read for hashing again");
        assertEquals(2, probes.get());

        fx.scan();
        assertEquals(2, probes.get(), "a row with its streams is not probed again");
    }

    @Test
    void aProbeRankingChangedInConfigAdminDecidesFromTheNextFileOn() throws Exception {
        Path first = fx.write("first.mkv", "mkv");
        fx.start();
        MediaMetadata ffmpeg = new MediaMetadata(1.0, 1, 1, "ffmpeg", null, null, null, "ffmpeg");
        MediaMetadata other = new MediaMetadata(2.0, 2, 2, "other", null, null, null, "other");
        FixedProbe ffmpegProbe = new FixedProbe(Set.of(".mkv"), ffmpeg, null);
        fx.scanner.addProbe(ffmpegProbe, Map.of("service.ranking", 5, "service.id", 10L));
        fx.scanner.addProbe(new FixedProbe(Set.of(".mkv"), other, null), Map.of("service.ranking", 1, "service.id", 11L));
        fx.scan();
        Await.until("the first file is probed", () -> fx.hasStatus(first, MediaStatus.READY));
        assertEquals(ffmpeg, fx.row(first).metadata().orElseThrow());

        fx.scanner.updateProbe(ffmpegProbe, Map.of("service.ranking", -1, "service.id", 10L));
        Path second = fx.write("second.mkv", "mkv");
        fx.scan();

        Await.until("the second file is probed", () -> fx.hasStatus(second, MediaStatus.READY));
        assertEquals(other, fx.row(second).metadata().orElseThrow(), "the re-ranked probe lost");
    }

    @Test
    void aHashProviderInstalledLaterFillsInItsDigestsWithoutAManualScan() throws Exception {
        Path file = fx.write("a.mp4", "a");
        fx.hasher.removeProvider(fx.sha256, TestProviders.props("sha256"));
        fx.start("hashAlgorithms", "md5,sha256");
        ScanReport report = fx.scan();
        assertTrue(report.problems().stream().anyMatch(l -> l.contains("'sha256' is not installed")),
                report.problems()::toString);

        fx.hasher.addProvider(fx.sha256, TestProviders.props("sha256"));
        fx.scanner.hashProviderAdded(fx.sha256, TestProviders.props("sha256"));

        Await.until("sha256 is stored", () -> fx.catalog.hashes(fx.row(file).luid()).containsKey("sha256"));
        assertEquals(1, fx.md5.digestsStarted.get(), "md5 was not recomputed");
    }

    @Test
    void deactivateStopsEveryThread() throws Exception {
        fx.write("a.mp4", "a");
        fx.start("watchEnabled", true, "scanIntervalMinutes", 1);
        fx.scan();

        fx.close();

        Await.until("no scanner thread is left", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("peer-")));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A probe with a fixed answer, or a fixed failure. */
    private record FixedProbe(Set<String> extensions, MediaMetadata answer, String failure) implements MediaProbe {
        @Override
        public MediaMetadata probe(Path file) throws IOException {
            if (failure != null) {
                throw new IOException(failure);
            }
            return answer;
        }
    }
}
