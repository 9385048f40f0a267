package org.giggityflix.peer.screenshots.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.media.MediaProbe;
import org.giggityflix.peer.api.media.Screenshot;
import org.giggityflix.peer.api.media.ScreenshotException;
import org.giggityflix.peer.api.media.ScreenshotException.Reason;
import org.giggityflix.peer.api.media.ScreenshotSet;
import org.giggityflix.peer.api.media.Thumbnail;
import org.giggityflix.peer.api.media.ThumbnailProvider;
import org.giggityflix.peer.osgi.common.Ranked;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ScreenshooterTest} is responsible for proving what a screenshot request does: bounds on the count, positions
 * over 5 %–95 % of the duration, answers from the cache (also after a restart), LRU eviction under the size bound with
 * files and rows in step, the provider choice (ranking, then the owner's preference), and files that vanish.
 */
class ScreenshooterTest {

    @TempDir
    Path dir;
    private Path media;
    private Path cacheDir;
    private final Fakes.Catalog catalog = new Fakes.Catalog();
    private final Fakes.Index index = new Fakes.Index();
    private final Codecs<ThumbnailProvider> providers = new Codecs<>(ThumbnailProvider::extensions);
    private final Codecs<MediaProbe> probes =
            new Codecs<>(MediaProbe::extensions);
    private final AtomicReference<Screenshooter.Settings> settings =
            new AtomicReference<>(new Screenshooter.Settings(1 << 20, ""));
    private Fakes.Provider provider;
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @BeforeEach
    void setUp() throws IOException {
        media = Files.createDirectories(dir.resolve("media"));
        cacheDir = dir.resolve("data/screenshots");
        provider = new Fakes.Provider("ffmpeg", 1000);
        providers.add(Ranked.of(provider, Fakes.properties("org.example.FfmpegThumbnailProvider", 0, 1)));
    }

    private Screenshooter screenshooter() {
        // A clock that moves one second per read, so "least recently used" is never a tie.
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                now = now.plusSeconds(1);
                return now;
            }
        };
        return new Screenshooter(catalog, new ScreenshotCache(cacheDir, index, clock), providers, probes,
                settings::get);
    }

    private long video(long luid, String name, Double duration) throws IOException {
        Path file = Files.writeString(media.resolve(name), "video");
        catalog.with(Fakes.file(luid, file, duration, MediaStatus.READY));
        return luid;
    }

    @Test
    void aCountOutsideOneToFiftyIsRefusedWithAReason() throws IOException {
        long luid = video(1, "a.mkv", 100.0);
        Screenshooter shots = screenshooter();

        for (int count : new int[] {0, -1, 51, 10_000}) {
            ScreenshotException e = assertThrows(ScreenshotException.class, () -> shots.screenshots(luid, count));
            assertEquals(Reason.BAD_COUNT, e.reason());
            assertTrue(e.getMessage().contains("1 to 50"), e.getMessage());
        }
        assertTrue(provider.calls.isEmpty());
        assertEquals(50, shots.screenshots(luid, 50).screenshots().size());
    }

    @Test
    void positionsAreSpreadEvenlyOverFiveToNinetyFivePercent() throws IOException {
        long luid = video(1, "a.mkv", 100.0);

        ScreenshotSet set = screenshooter().screenshots(luid, 4);

        assertEquals(List.of(List.of(16.25, 38.75, 61.25, 83.75)), provider.calls);
        assertEquals(List.of(0, 1, 2, 3), set.screenshots().stream().map(Screenshot::index).toList());
        assertEquals(16.26, set.screenshots().get(0).frameSeconds(), 1e-9);
        for (Screenshot shot : set.screenshots()) {
            assertTrue(shot.positionSeconds() >= 5 && shot.positionSeconds() <= 95);
            assertTrue(shot.path().startsWith(cacheDir), shot.path().toString());
            assertEquals(1000, Files.size(shot.path()));
            assertEquals(1000, shot.size());
        }
    }

    @Test
    void aRepeatedRequestIsServedFromTheCacheAlsoAfterARestart() throws IOException {
        long luid = video(1, "a.mkv", 60.0);
        ScreenshotSet first = screenshooter().screenshots(luid, 5);
        assertFalse(first.fromCache());

        ScreenshotSet again = screenshooter().screenshots(luid, 5);

        assertTrue(again.fromCache());
        assertEquals(1, provider.calls.size(), "decoded once");
        assertEquals(first.screenshots(), again.screenshots());
        assertArrayEquals(Files.readAllBytes(first.screenshots().get(2).path()),
                Files.readAllBytes(again.screenshots().get(2).path()));
    }

    @Test
    void aPictureMissingOnDiskIsCapturedAgainAndOnlyThatOne() throws IOException {
        long luid = video(1, "a.mkv", 60.0);
        Screenshooter shots = screenshooter();
        ScreenshotSet first = shots.screenshots(luid, 3);
        Files.delete(first.screenshots().get(1).path());

        ScreenshotSet again = shots.screenshots(luid, 3);

        assertFalse(again.fromCache());
        assertEquals(List.of(first.screenshots().get(1).positionSeconds()), provider.calls.get(1));
        assertTrue(Files.exists(again.screenshots().get(1).path()));
    }

    @Test
    void theLeastRecentlyUsedPicturesAreEvictedFilesAndRowsTogether() throws IOException {
        settings.set(new Screenshooter.Settings(4_500, ""));
        long a = video(1, "a.mkv", 60.0);
        long b = video(2, "b.mkv", 60.0);
        long c = video(3, "c.mkv", 60.0);
        Screenshooter shots = screenshooter();
        ScreenshotSet oldest = shots.screenshots(a, 2);
        shots.screenshots(b, 2);
        shots.screenshots(a, 2); // a is used again: b is now the least recently used

        shots.screenshots(c, 2);

        assertEquals(4, index.size());
        assertTrue(index.totalSize() <= 4_500);
        assertTrue(index.screenshots(b).isEmpty(), "b was evicted");
        assertEquals(2, index.screenshots(a).size());
        assertTrue(Files.exists(oldest.screenshots().get(0).path()));
        try (var files = Files.walk(cacheDir)) {
            assertEquals(4, files.filter(Files::isRegularFile).count(), "no file without a row");
        }
    }

    @Test
    void theBestRankedProviderWinsUnlessTheOwnerPrefersAnother() throws IOException {
        Fakes.Provider y4m = new Fakes.Provider("y4m", 10);
        providers.add(Ranked.of(y4m, Fakes.properties("org.example.Y4mThumbnailProvider", 5, 2)));
        long a = video(1, "a.y4m", 10.0);
        long b = video(2, "b.y4m", 10.0);

        screenshooter().screenshots(a, 1);
        assertEquals(1, y4m.calls.size());
        assertTrue(provider.calls.isEmpty());

        settings.set(new Screenshooter.Settings(1 << 20, "FFMPEG"));
        screenshooter().screenshots(b, 1);
        assertEquals(1, provider.calls.size(), "the preferred provider ran despite its lower ranking");
    }

    @Test
    void aFileDeletedBeforeOrDuringTheCaptureIsFileGone() throws IOException {
        long luid = video(1, "a.mkv", 60.0);
        Path file = catalog.files.get(luid).path();
        Files.delete(file);
        ScreenshotException before = assertThrows(ScreenshotException.class, () -> screenshooter().screenshots(luid, 2));
        assertEquals(Reason.FILE_GONE, before.reason());

        Files.writeString(file, "video");
        providers.remove(provider);
        providers.add(Ranked.of(new ThumbnailProvider() {
            @Override
            public Set<String> extensions() {
                return Set.of(".mkv");
            }

            @Override
            public List<Thumbnail> capture(Path path, List<Double> positions) throws IOException {
                Files.delete(path);
                throw new IOException("end of file while decoding");
            }
        }, Fakes.properties("deleter", 0, 3)));
        ScreenshotException during = assertThrows(ScreenshotException.class, () -> screenshooter().screenshots(luid, 2));
        assertEquals(Reason.FILE_GONE, during.reason());
        assertEquals(0, index.size());

        catalog.with(Fakes.file(2, media.resolve("gone.mkv"), 5.0, MediaStatus.DELETED));
        assertEquals(Reason.FILE_GONE,
                assertThrows(ScreenshotException.class, () -> screenshooter().screenshots(2, 1)).reason());
    }

    @Test
    void unknownFilesFormatsAndDurationsAreNamedAsSuch() throws IOException {
        assertEquals(Reason.NO_SUCH_FILE,
                assertThrows(ScreenshotException.class, () -> screenshooter().screenshots(99, 1)).reason());

        long text = video(1, "notes.txt", 10.0);
        ScreenshotException noProvider = assertThrows(ScreenshotException.class,
                () -> screenshooter().screenshots(text, 1));
        assertEquals(Reason.NO_PROVIDER, noProvider.reason());
        assertTrue(noProvider.getMessage().contains(".txt"), noProvider.getMessage());

        long unprobed = video(2, "raw.y4m", null);
        assertEquals(Reason.NO_DURATION,
                assertThrows(ScreenshotException.class, () -> screenshooter().screenshots(unprobed, 1)).reason());
        Path song = Files.writeString(media.resolve("song.mkv"), "audio");
        catalog.with(new MediaFile(4, Optional.empty(), song, media, "song.mkv", 5, Instant.EPOCH, Optional.empty(),
                MediaStatus.READY, Optional.empty(),
                Optional.of(new MediaMetadata(180.0, null, null, null, "aac", 128_000L, null, "matroska")),
                Instant.EPOCH, Instant.EPOCH));
        ScreenshotException audioOnly = assertThrows(ScreenshotException.class, () -> screenshooter().screenshots(4, 2));
        assertEquals(Reason.NO_DURATION, audioOnly.reason());
        assertTrue(audioOnly.getMessage().contains("no video stream"), audioOnly.getMessage());
        assertTrue(provider.calls.isEmpty());

        long zero = video(3, "zero.mkv", 0.0);
        assertEquals(Reason.NO_DURATION,
                assertThrows(ScreenshotException.class, () -> screenshooter().screenshots(zero, 1)).reason());
    }

    @Test
    void anUnprobedFileGetsItsDurationFromTheBestProbe() throws IOException {
        Fakes.Probe probe = new Fakes.Probe(20.0);
        probes.add(Ranked.of(probe, Fakes.properties("probe", 0, 4)));
        long luid = video(1, "raw.y4m", null);

        screenshooter().screenshots(luid, 2);

        assertEquals(1, probe.calls);
        assertEquals(List.of(List.of(5.5, 14.5)), provider.calls);
    }

    @Test
    void reconcileRemovesFilesWithoutRowsAndRowsWithoutFiles() throws IOException {
        long a = video(1, "a.mkv", 60.0);
        long b = video(2, "b.mkv", 60.0);
        Screenshooter shots = screenshooter();
        ScreenshotSet setA = shots.screenshots(a, 2);
        shots.screenshots(b, 2);
        Path stray = Files.writeString(cacheDir.resolve("2/stray.jpg"), "x", StandardCharsets.US_ASCII);
        Files.delete(setA.screenshots().get(0).path());
        index.remove(index.screenshots(b)); // as when the catalog drops a changed file's rows

        new ScreenshotCache(cacheDir, index, Clock.systemUTC()).reconcile();

        assertEquals(1, index.size());
        assertFalse(Files.exists(stray));
        assertFalse(Files.exists(cacheDir.resolve("2")), "b's folder is gone with its pictures");
        assertTrue(Files.exists(setA.screenshots().get(1).path()));
    }
}
