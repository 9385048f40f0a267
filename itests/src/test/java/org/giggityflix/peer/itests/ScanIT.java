package org.giggityflix.peer.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaQuery;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.scan.MediaScanner;
import org.giggityflix.peer.api.scan.ScanReport;
import org.giggityflix.peer.api.scan.ScanRequest;
import org.junit.Before;
import org.junit.Test;
import org.ops4j.pax.exam.Option;

/**
 * {@code ScanIT} is responsible for proving that a scan of a generated tree catalogs exactly the files a user
 * expects (extension rules, excluded and hidden folders, symlink loop, an empty file), with digests equal to an
 * independent computation and sensible statuses, and that the shell commands show it.
 */
public class ScanIT extends PeerTestSupport {

    /** The files the catalog must hold, relative to the media dir. */
    private static final Set<String> EXPECTED = Set.of(
            "Movies/Action/one.mp4",
            "Movies/Action/Two.MKV",
            "Movies/Drama/deep/er/three.Avi",
            "Shows/S01/ep1.mov",
            "Shows/S01/ep2.MoV",
            "root.m4v",
            "empty.mp4");

    /** Set once per container (the probe class lives as long as the container). */
    private static Map<String, MediaFile> cataloged;
    private static boolean realVideo;

    @Override
    protected List<Option> extraOptions(Path work) {
        return List.of(editConfigurationFilePut("etc/" + PID_SCANNER + ".cfg", "excludeDirs", "skipme"));
    }

    @Before
    public void scanTreeOnce() throws Exception {
        if (cataloged != null) {
            return;
        }
        MediaTree tree = mediaTree(mediaDir())
                .file("Movies/Action/one.mp4", 64 * 1024)
                .file("Movies/Action/Two.MKV", 100_000)
                .file("Movies/Drama/deep/er/three.Avi", 10_000)
                .file("Shows/S01/ep1.mov", 33_333)
                .file("Shows/S01/ep2.MoV", 2048)
                .file("root.m4v", 5000)
                .write("empty.mp4", new byte[0])
                .file("notes.txt", 100)                          // not a video extension
                .file("Movies/readme.nfo", 100)
                .file("Extras/skipme/excluded.mp4", 1000)        // excludeDirs=skipme
                .file(".hidden/secret.mp4", 1000)                // hidden folder
                .file("Shows/.thumbs/thumb.mp4", 1000)           // hidden folder deeper down
                .file("Shows/S01/.partial.mp4", 1000)            // hidden file
                .symlink("Movies/loop", "..")                    // a loop back to the media root
                .symlink("Shows/S01/again", "../../Movies");     // the same files through a second path
        realVideo = ffmpegAvailable();
        if (realVideo) {
            makeVideo(tree.path("Real/clip.mp4"));
        }
        MediaScanner scanner = awaitService(MediaScanner.class);
        ScanReport report = scanner.scan(ScanRequest.fullScan()).toCompletableFuture().get(60, TimeUnit.SECONDS);
        System.err.println("scan report: " + report);

        MediaCatalog catalog = awaitService(MediaCatalog.class);
        List<MediaFile> rows = awaitValue("every cataloged file hashed and probed", TIMEOUT,
                () -> catalog.list(new MediaQuery(Set.of(), Optional.empty(), 0, 1000)),
                list -> list.stream().noneMatch(f -> f.status() == MediaStatus.PENDING
                        || f.status() == MediaStatus.PROCESSING));
        Map<String, MediaFile> byPath = new HashMap<>();
        for (MediaFile row : rows) {
            MediaFile previous = byPath.put(mediaDir().relativize(row.path().toRealPath()).toString(), row);
            assertTrue("cataloged twice: " + row + " and " + previous, previous == null);
        }
        cataloged = byPath;
    }

    private static Set<String> expected() {
        Set<String> expected = new TreeSet<>(EXPECTED);
        if (realVideo) {
            expected.add("Real/clip.mp4");
        }
        return expected;
    }

    @Test
    public void exactlyTheExpectedFilesAreCataloged() {
        assertEquals(expected(), new TreeSet<>(cataloged.keySet()));
        for (Map.Entry<String, MediaFile> e : cataloged.entrySet()) {
            MediaFile file = e.getValue();
            assertEquals(mediaDir(), file.mediaRoot());
            assertEquals(Path.of(e.getKey()).getFileName().toString(), file.fileName());
            assertEquals(e.getKey(), file.size(), sizeOf(mediaDir().resolve(e.getKey())));
        }
    }

    @Test
    public void digestsEqualAnIndependentComputation() {
        MediaCatalog catalog = awaitService(MediaCatalog.class);
        for (Map.Entry<String, MediaFile> e : cataloged.entrySet()) {
            Path file = mediaDir().resolve(e.getKey());
            Map<String, String> hashes = catalog.hashes(e.getValue().luid());
            assertEquals(e.getKey() + " md5", digest(file, "MD5"), hashes.get("md5"));
            assertEquals(e.getKey() + " sha1", digest(file, "SHA-1"), hashes.get("sha1"));
        }
        assertEquals("md5 of the empty file", "d41d8cd98f00b204e9800998ecf8427e",
                catalog.hashes(cataloged.get("empty.mp4").luid()).get("md5"));
    }

    @Test
    public void randomBytesAreHashedButMarkedErrorByTheProbe() {
        for (Map.Entry<String, MediaFile> e : cataloged.entrySet()) {
            MediaFile file = e.getValue();
            if (e.getKey().equals("Real/clip.mp4")) {
                assertEquals(file.toString(), MediaStatus.READY, file.status());
                assertTrue(file.toString(), file.metadata().isPresent());
                continue;
            }
            assertEquals(e.getKey() + ": " + file, MediaStatus.ERROR, file.status());
            String reason = file.error().orElse("");
            assertTrue(e.getKey() + " error reason: " + reason, reason.contains("FFmpeg"));
        }
        assertTrue(cataloged.get("empty.mp4").error().orElse("").contains("0 bytes"));
    }

    @Test
    public void scanWaitReportsAndChangesNothing() {
        String out = executeCommand("peer:scan --wait", java.time.Duration.ofSeconds(60));
        assertTrue(out, out.contains("Scan finished"));
        MediaCatalog catalog = awaitService(MediaCatalog.class);
        long rows = catalog.count(new MediaQuery(Set.of(), Optional.empty(), 0, 1));
        assertEquals("an unchanged tree rescanned adds nothing", expected().size(), rows);
    }

    @Test
    public void shellShowsStatusListAndDetails() {
        String status = executeCommand("peer:status");
        assertTrue(status, status.contains(PEER_ID));
        assertTrue(status, status.contains(mediaDir().toString()));

        String list = executeCommand("peer:media-list --limit 100");
        for (String relative : expected()) {
            assertTrue(relative + " in\n" + list, list.contains(relative));
        }
        assertFalse(list, list.contains("notes.txt"));
        assertFalse(list, list.contains("excluded.mp4"));
        assertFalse(list, list.contains("secret.mp4"));

        String filtered = executeCommand("peer:media-list --search action");
        assertTrue(filtered, filtered.contains("Movies/Action/one.mp4"));
        assertTrue(filtered, filtered.contains("Movies/Action/Two.MKV"));
        assertFalse(filtered, filtered.contains("Shows/S01/ep1.mov"));

        String page = executeCommand("peer:media-list --limit 2 --offset 2");
        assertTrue(page, page.contains("Files 3-4 of " + expected().size()));
        String errors = executeCommand("peer:media-list --status error --limit 100");
        assertTrue(errors, errors.contains("empty.mp4"));
        assertFalse("the real clip is ready, not in error:\n" + errors, errors.contains("Real/clip.mp4"));

        MediaFile one = cataloged.get("Movies/Action/one.mp4");
        String show = executeCommand("peer:media-show " + one.luid());
        assertTrue(show, show.contains("Movies/Action/one.mp4"));
        assertTrue(show, show.contains(digest(one.path(), "MD5")));
        assertTrue(show, show.contains("error: metadata: not a media file FFmpeg can read"));

        String missing = executeCommand("peer:media-show 999999");
        assertTrue(missing, missing.contains("No cataloged file with id 999999"));
    }

    @Test
    public void shellHashUsesStoredDigestsAndComputesMissingOnes() {
        MediaFile two = cataloged.get("Movies/Action/Two.MKV");
        String stored = executeCommand("peer:hash " + two.luid() + " md5 sha1");
        assertTrue(stored, stored.contains(digest(two.path(), "MD5")));
        assertTrue(stored, stored.contains(digest(two.path(), "SHA-1")));
        assertTrue(stored, stored.contains("All from the catalog"));

        String computed = executeCommand("peer:hash " + two.luid() + " sha256");
        assertTrue(computed, computed.contains(digest(two.path(), "SHA-256")));
        assertTrue(computed, computed.contains("Read "));
        assertEquals("now stored", digest(two.path(), "SHA-256"),
                awaitService(MediaCatalog.class).hashes(two.luid()).get("sha256"));

        String unknown = executeCommand("peer:hash " + two.luid() + " nosuch md5");
        assertTrue(unknown, unknown.contains("unknown hash algorithm 'nosuch'"));
        assertTrue("known ones still answered:\n" + unknown, unknown.contains(digest(two.path(), "MD5")));
    }

    @Test
    public void shellListsProviders() {
        String providers = executeCommand("peer:providers");
        for (String algorithm : List.of("md5", "sha1", "sha256")) {
            assertTrue(providers, providers.contains(algorithm));
        }
        assertTrue(providers, providers.contains("org.giggityflix.peer.hash.jdk"));
        assertFalse("blake3 is not installed by default:\n" + providers, providers.contains("blake3"));
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A 1 s, 160x120 H.264 clip made by the ffmpeg command (only when it is installed). */
    private static void makeVideo(Path target) throws IOException, InterruptedException {
        Files.createDirectories(target.getParent());
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc=duration=1:size=160x120:rate=10", "-pix_fmt", "yuv420p", target.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue("ffmpeg finished", p.waitFor(30, TimeUnit.SECONDS));
        assertEquals("ffmpeg: " + out, 0, p.exitValue());
    }

    static Set<String> names(List<MediaFile> files) {
        return files.stream().map(MediaFile::relativePath).collect(Collectors.toCollection(TreeSet::new));
    }
}
