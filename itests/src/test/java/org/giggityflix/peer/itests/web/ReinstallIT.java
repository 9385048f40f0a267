package org.giggityflix.peer.itests.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import javax.imageio.ImageIO;

import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.media.ScreenshotService;
import org.giggityflix.peer.api.media.ScreenshotSet;
import org.giggityflix.peer.testsupport.Browser;
import org.giggityflix.peer.testsupport.Tools;
import org.giggityflix.peer.testsupport.Tools.Tool;
import org.junit.Test;
import org.osgi.framework.Bundle;

/**
 * {@code ReinstallIT} is responsible for proving the codec and the WebRTC transport can be replaced while the peer
 * runs (the native-library case: FFmpeg's and libwebrtc's JNI libraries can be loaded by one class loader only, so
 * they live in long-lived runtime bundles and the thin bundles above them must come and go freely): the
 * {@code peer-media-ffmpeg} and {@code peer-stream-webrtc} bundles are uninstalled and installed again from the same
 * location on the booted peer, and afterwards a new file is probed, screenshots of it are taken, and a real headless
 * Chromium watches it over WebRTC at its own size, as before; the log shows no native library loaded twice.
 */
public class ReinstallIT extends WebTestSupport {

    private static final String MEDIA = "org.giggityflix.peer.media.ffmpeg";
    private static final String WEBRTC = "org.giggityflix.peer.stream.webrtc";
    private static final Duration UI = Duration.ofSeconds(30);
    private static final Duration PLAY = Duration.ofSeconds(60);
    private static final Duration PROBED = Duration.ofSeconds(90);

    @Test
    public void theCodecAndTheWebRtcTransportReinstalledProbeScreenshotAndStreamAgain() throws Exception {
        assumeTrue("Debian chromium + chromium-driver", Tools.present(Tool.CHROMIUM));
        assumeTrue("ffmpeg makes the test videos", Tools.present(Tool.FFMPEG));
        WebClient web = awaitWeb();
        Path before = video(mediaDir().resolve("before/clip-640x360.mp4"), 20, "640x360");
        MediaFile first = probed(before);
        assertScreenshots(first, 1);
        watchOverWebRtc(web, first);

        Path log = karafBase().resolve("data/log/karaf.log");
        long logBefore = Files.size(log);
        Bundle media = reinstall(MEDIA);
        Bundle webrtc = reinstall(WEBRTC);
        awaitService("org.giggityflix.peer.api.media.MediaProbe", "(component.name=*Ffmpeg*)", TIMEOUT);
        awaitService("org.giggityflix.peer.api.media.FrameSource", "(component.name=*Ffmpeg*)", TIMEOUT);
        awaitService("org.giggityflix.peer.api.stream.StreamingTransport", "(transport=webrtc)", TIMEOUT);
        assertEquals(Bundle.ACTIVE, media.getState());
        assertEquals(Bundle.ACTIVE, webrtc.getState());

        // A file the reinstalled codec sees first: probed, screenshots taken, streamed.
        Path after = video(mediaDir().resolve("after/clip-480x270.mp4"), 20, "480x270");
        MediaFile second = probed(after);
        assertEquals(Integer.valueOf(480), second.metadata().orElseThrow().width());
        assertScreenshots(second, 3);
        watchOverWebRtc(web, second);
        // And the file cataloged before still streams.
        watchOverWebRtc(web, first);

        // What the peer logged from the reinstall on (the boot's own refreshes log class errors of Karaf's bundles).
        List<String> since = logSince(log, logBefore);
        for (String trouble : List.of("UnsatisfiedLinkError", "already loaded in another classloader",
                "NoClassDefFoundError", "ClassNotFoundException")) {
            List<String> lines = since.stream().filter(l -> l.contains(trouble)).toList();
            assertTrue("karaf.log since the reinstall has " + trouble + ":\n" + String.join("\n", lines),
                    lines.isEmpty());
        }
    }

    /**
     * Uninstalls the bundle {@code symbolicName} with {@code bundle:uninstall}, checks it is gone, and installs and
     * starts it again from the same location with {@code bundle:install -s}; returns the new bundle once Active.
     */
    private Bundle reinstall(String symbolicName) {
        Bundle old = activeBundle(symbolicName).orElseThrow(() -> new AssertionError(symbolicName + " not active"));
        long oldId = old.getBundleId();
        String location = old.getLocation();
        executeCommand("bundle:uninstall " + oldId);
        await(symbolicName + " uninstalled", TIMEOUT, () -> bundles(symbolicName).stream()
                .noneMatch(b -> b.getSymbolicName().equals(symbolicName)));
        String installed = executeCommand("bundle:install -s " + location);
        assertFalse(installed, installed.contains("Error"));
        Bundle again = awaitValue(symbolicName + " installed again and Active", TIMEOUT,
                () -> activeBundle(symbolicName), Optional::isPresent).get();
        assertNotEquals("a new bundle, not the old one", oldId, again.getBundleId());
        return again;
    }

    /** The lines of {@code log} from byte {@code offset} on. */
    private static List<String> logSince(Path log, long offset) throws IOException {
        byte[] all = Files.readAllBytes(log);
        int from = (int) Math.min(offset, all.length);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8).lines().toList();
    }

    private Optional<Bundle> activeBundle(String symbolicName) {
        return bundles(symbolicName).stream()
                .filter(b -> b.getSymbolicName().equals(symbolicName) && b.getState() == Bundle.ACTIVE)
                .findFirst();
    }

    private MediaFile probed(Path file) {
        MediaCatalog catalog = awaitService(MediaCatalog.class);
        return awaitValue(file + " cataloged and probed", PROBED, () -> catalog.findByPath(file),
                f -> f.isPresent() && f.get().metadata().map(m -> m.width() != null).orElse(false)).get();
    }

    /** {@code count} screenshots of {@code file}, each a JPEG of the file's size. */
    private void assertScreenshots(MediaFile file, int count) throws Exception {
        ScreenshotSet shots = awaitService(ScreenshotService.class).screenshots(file.luid(), count);
        assertEquals(count, shots.screenshots().size());
        int width = file.metadata().orElseThrow().width();
        for (var shot : shots.screenshots()) {
            BufferedImage image = readJpeg(shot.path());
            assertEquals(shot.path().toString(), width, image.getWidth());
        }
    }

    private static BufferedImage readJpeg(Path path) throws IOException {
        BufferedImage image = ImageIO.read(path.toFile());
        if (image == null) {
            throw new AssertionError("not an image: " + path);
        }
        return image;
    }

    /** The owner's player forced to WebRTC decodes the file at its own width; Stop frees the session. */
    private void watchOverWebRtc(WebClient web, MediaFile file) throws Exception {
        String width = String.valueOf(file.metadata().orElseThrow().width());
        try (Browser browser = new Browser()) {
            signInAsOwner(browser, web.base());
            browser.open(web.base() + "/play?id=" + file.luid() + "&via=webrtc");
            Object decoded = browser.waitFor("the video decoded over WebRTC", PLAY,
                    "return player.error ? player.error : player.width;",
                    v -> v instanceof String || v instanceof Number && ((Number) v).intValue() > 0);
            assertEquals("videoWidth (or the page's error)", width, String.valueOf(decoded));
            String session = (String) browser.execute("return player.session;");
            assertTrue(executeCommand("peer:stream-list").contains(session));
            browser.click("#stop");
            await("peer:stream-list without " + session, TIMEOUT,
                    () -> !executeCommand("peer:stream-list").contains(session));
        }
    }
}
