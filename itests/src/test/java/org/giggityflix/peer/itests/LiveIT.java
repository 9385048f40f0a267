package org.giggityflix.peer.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;

import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.scan.MediaScanner;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * {@code LiveIT} is responsible for proving the running peer follows the disk and its configuration without a
 * restart: files added, renamed and deleted in a watched folder, a media dir added with {@code config:property-set},
 * and a bad setting reported while everything keeps working.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class LiveIT extends PeerTestSupport {

    /** Live changes settle in 1 s here (settleSeconds=1); the deadline is generous for a loaded CI machine. */
    private static final Duration LIVE = Duration.ofSeconds(20);

    private MediaCatalog catalog() {
        return awaitService(MediaCatalog.class);
    }

    private Optional<MediaFile> row(Path path) {
        return catalog().findByPath(path);
    }

    @Test
    public void a_addedRenamedAndDeletedFilesAreFollowedLive() throws Exception {
        MediaTree tree = mediaTree(mediaDir().resolve("live")).file("new.mp4", 50_000);
        Path added = tree.path("new.mp4");
        MediaFile first = awaitValue("new.mp4 cataloged and hashed", LIVE, () -> row(added),
                r -> r.isPresent() && !catalog().hashes(r.get().luid()).isEmpty()).get();
        assertEquals(digest(added, "MD5"), catalog().hashes(first.luid()).get("md5"));

        Path renamed = tree.path("renamed.mp4");
        Files.move(added, renamed);
        MediaFile moved = awaitValue("renamed.mp4 cataloged", LIVE, () -> row(renamed),
                r -> r.isPresent() && r.get().status() != MediaStatus.DELETED).get();
        assertEquals("a rename keeps the luid", first.luid(), moved.luid());
        assertEquals("and the hashes", digest(renamed, "MD5"), catalog().hashes(moved.luid()).get("md5"));
        assertTrue("the old path is no longer a present file",
                row(added).map(r -> r.status() == MediaStatus.DELETED || r.luid() != first.luid()).orElse(true));

        Files.delete(renamed);
        MediaFile gone = awaitValue("renamed.mp4 marked deleted", LIVE, () -> row(renamed),
                r -> r.isPresent() && r.get().status() == MediaStatus.DELETED).get();
        assertEquals("history kept", digest_of(first), catalog().hashes(gone.luid()).get("md5"));
    }

    private String digest_of(MediaFile file) {
        return catalog().hashes(file.luid()).get("md5");
    }

    @Test
    public void b_aMediaDirAddedWithConfigPropertySetIsScannedAndWatched() throws Exception {
        Path second = workDir().resolve("second-media");
        MediaTree tree = mediaTree(second).file("Series/a.mkv", 3000).file("b.mp4", 4000);

        Path missing = workDir().resolve("not-mounted");
        String out = executeCommand("config:property-set -p " + PID_SCANNER + " mediaDirs " + mediaDir() + "," + second
                + "," + missing);
        assertFalse(out, out.contains("Error"));
        for (Path file : tree.files()) {
            awaitValue(file + " cataloged after the config change", LIVE, () -> row(file), Optional::isPresent);
        }
        assertEquals(second, row(tree.path("b.mp4")).orElseThrow().mediaRoot());

        // The new folder is watched too, and the first one still is.
        Path later = tree.file("later.avi", 1000).path("later.avi");
        awaitValue("later.avi found live in the added dir", LIVE, () -> row(later), Optional::isPresent);
        Path first = mediaTree(mediaDir()).file("still-watched.mp4", 1000).path("still-watched.mp4");
        awaitValue("the first dir still watched", LIVE, () -> row(first), Optional::isPresent);

        // A media dir that does not exist is named in peer:status; the others are scanned regardless.
        String status = awaitValue("peer:status names the missing dir", LIVE, () -> executeCommand("peer:status"),
                st -> st.contains(missing.toString()) && st.contains("MISSING"));
        assertTrue(status, status.contains(second.toString()));
    }

    @Test
    public void c_aNegativeScanIntervalIsReportedAndNothingBreaks() throws Exception {
        ConfigurationAdmin admin = awaitService(ConfigurationAdmin.class);
        Configuration config = admin.getConfiguration(PID_SCANNER, null);
        Dictionary<String, Object> properties = config.getProperties();
        Dictionary<String, Object> bad = new Hashtable<>();
        for (var keys = properties.keys(); keys.hasMoreElements(); ) {
            String key = keys.nextElement();
            bad.put(key, properties.get(key));
        }
        bad.put("scanIntervalMinutes", "-5");
        config.update(bad);
        try {
            String scan = awaitValue("the bad interval reported by a scan", LIVE,
                    () -> executeCommand("peer:scan --wait", Duration.ofSeconds(60)),
                    out -> out.contains("scanIntervalMinutes"));
            assertTrue(scan, scan.contains("Scan finished"));
            assertTrue(scan, scan.contains("-5"));

            // Still scanning on a schedule (the default, not "never" or a crash) and still watching.
            MediaScanner scanner = awaitService(MediaScanner.class);
            assertTrue(String.valueOf(scanner.status()), scanner.status().nextScheduled().isPresent());
            Path file = mediaTree(mediaDir()).file("after-bad-config.mp4", 2000).path("after-bad-config.mp4");
            awaitValue("a file added after the bad setting is still cataloged", LIVE, () -> row(file),
                    Optional::isPresent);
            String status = executeCommand("peer:status");
            assertTrue(status, status.contains("Next scan"));
            assertTrue("the bad setting shown by peer:status:\n" + status,
                    status.contains("scanIntervalMinutes must be at least 0, was -5"));
            for (Map.Entry<MediaStatus, Long> e : catalog().countByStatus().entrySet()) {
                assertTrue(e.getValue() >= 0);
            }
        } finally {
            config.update(properties);
        }
    }
}
