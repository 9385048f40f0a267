package org.giggityflix.peer.itests.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.itests.PeerTestSupport;
import org.giggityflix.peer.itests.edge.EdgeProcess;
import org.giggityflix.peer.testsupport.Browser;
import org.giggityflix.peer.testsupport.Json;
import org.giggityflix.peer.testsupport.Tools;
import org.giggityflix.peer.testsupport.Tools.Tool;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Option;

/**
 * {@code EdgeWebRtcIT} is responsible for proving a viewer anywhere can watch a file through the Edge: a real
 * headless Chromium opens the test Edge's viewer page (the Edge in its own process relays the signaling to the
 * booted peer on the AsyncOperations stream and the peer's candidates and end back), decodes the video at the
 * file's width, and when the viewer leaves, {@code peer:stream-list} no longer shows the session; the same through
 * the peer's unary {@code WebRTCOperations} server for an Edge that calls the peer (the peer's candidates ride on
 * the replies to the Edge's calls); and a viewer whose network changes mid-film (its path through the Edge page's
 * relays cut, a new one open only to a new offer's candidates) gets the peer's ICE restart offer through the Edge,
 * answers it, and the same session goes on from about where it was, both on the stream and through the unary server
 * (where the offer rides as {@code session_offer} on the reply to the Edge's poll, an empty candidate). One Edge serves every step (static: the probe
 * class lives as long as the container; the peer does not offer a file twice), the last step closes it.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class EdgeWebRtcIT extends PeerTestSupport {

    /** The peer's unary WebRTCOperations server (its own component and PID); its port see {@link #port}. */
    private static final String PID_WEBRTC_SERVER = "org.giggityflix.peer.edge.webrtcserver";
    private static final String UNARY = "webrtcServer";
    private static final Duration CONNECT = Duration.ofSeconds(60);
    private static final int WIDTH = 640;

    private static EdgeProcess edge;
    /** Where the test Edge's viewer page listens (it takes a free port and says which). */
    private static int pagePort;
    private static String catalogId;

    @Override
    protected List<Option> extraOptions(Path work) {
        return List.of(
                editConfigurationFilePut("etc/" + PID_EDGE + ".cfg", "reconnectIntervalSec", "1"),
                editConfigurationFilePut("etc/" + PID_EDGE + ".cfg", "maxReconnectAttempts", "1000"),
                editConfigurationFilePut("etc/" + PID_WEBRTC_SERVER + ".cfg", "enabled", "true"),
                editConfigurationFilePut("etc/" + PID_WEBRTC_SERVER + ".cfg", "port", String.valueOf(port(UNARY))));
    }

    @Test
    public void step1_chromiumWatchesAFileRelayedByTheEdgeAndLeavingFreesTheSession() throws Exception {
        watch("");
    }

    @Test
    public void step2_aViewerWhoseNetworkChangesGoesOnThroughTheEdgeAfterAnIceRestart() throws Exception {
        moveMidFilm("");
    }

    @Test
    public void step3_throughTheUnaryServerTheRestartOfferRidesOnTheReplyToTheEdgesPoll() throws Exception {
        moveMidFilm(String.valueOf(port(UNARY)));
    }

    /**
     * A viewer whose path through the Edge page's relays is cut mid-film answers the peer's ICE restart offer and
     * the same session goes on; {@code unary} empty: signaling on the stream, else the peer's unary server's port
     * (the page polls it with an empty candidate, and the offer comes as {@code session_offer} on the reply).
     */
    private void moveMidFilm(String unary) throws Exception {
        prepare();
        try (Browser browser = new Browser()) {
            browser.open("http://127.0.0.1:" + pagePort + "/");
            browser.execute("start(" + Json.string(PEER_ID) + ", " + Json.string(catalogId) + ", "
                    + Json.string(unary) + ", true); return true;");
            browser.waitFor("pictures and a position through the relays", CONNECT,
                    "return state.error ? state.error : state.framesDecoded > 30 && state.position >= 1;",
                    v -> v instanceof String || Boolean.TRUE.equals(v));
            assertNull(browser.execute("return state.error;"));
            String session = (String) browser.execute("return state.sessionId;");
            double before = ((Number) browser.execute("return state.position;")).doubleValue();
            long frames = ((Number) browser.execute("return state.framesDecoded;")).longValue();

            // Wi-Fi to mobile: the old path carries nothing any more; only a new offer's candidates lead to the peer.
            String cut = edge.call("webrtc-move");
            assertTrue(cut, cut.startsWith("ok ") && !cut.equals("ok 0"));
            browser.waitFor("the viewer answered an ICE restart offer and decodes again", CONNECT,
                    "return state.ended ? state.ended : state.restarts >= 1 && state.framesDecoded > " + (frames + 30)
                            + ";", v -> v instanceof String || Boolean.TRUE.equals(v));
            assertNull("the session did not end", browser.execute("return state.ended;"));
            double after = ((Number) browser.execute("return state.position;")).doubleValue();
            assertTrue("the film went on from about where it was: " + before + " s before, " + after + " s after",
                    after >= before - 3 && after < before + 7);
            String list = executeCommand("peer:stream-list");
            assertTrue("the same session: " + list, list.contains(session));

            browser.execute("stop(); return true;");
            await("peer:stream-list without " + session, TIMEOUT,
                    () -> !executeCommand("peer:stream-list").contains(session));
        }
    }

    @Test
    public void step4_chromiumWatchesAFileThroughTheUnaryWebRtcOperationsToo() throws Exception {
        try {
            watch(String.valueOf(port(UNARY)));
        } finally {
            if (edge != null) {
                edge.close();
                edge = null;
            }
        }
    }

    /** The whole walk; {@code unary} empty: signaling on the stream, else the peer's unary server's port. */
    private void watch(String unary) throws Exception {
        prepare();
        try (Browser browser = new Browser()) {
            browser.open("http://127.0.0.1:" + pagePort + "/");
            browser.execute("start(" + Json.string(PEER_ID) + ", " + Json.string(catalogId) + ", "
                    + Json.string(unary) + ", false); return true;");
            Object width = browser.waitFor("the video decoded", Duration.ofSeconds(60),
                    "return state.error ? state.error : state.width;",
                    v -> v instanceof String || v instanceof Number && ((Number) v).intValue() > 0);
            assertEquals("videoWidth (or the error the Edge got)", String.valueOf(WIDTH), String.valueOf(width));

            // On the stream they trickle; through the unary server they ride on the replies to the Edge's calls.
            Object candidates = browser.execute("return state.peerCandidates;");
            assertTrue("the peer's ICE candidates reached the viewer: " + candidates,
                    ((Number) candidates).intValue() > 0);
            String session = (String) browser.execute("return state.sessionId;");
            String list = awaitValue("peer:stream-list shows what the session sends", TIMEOUT,
                    () -> executeCommand("peer:stream-list"), l -> l.contains(session) && l.contains("kbit/s"));
            assertTrue(list, list.contains(WIDTH + "x360"));

            browser.execute("stop(); return true;");
            await("peer:stream-list without " + session, TIMEOUT,
                    () -> !executeCommand("peer:stream-list").contains(session));
            Object ended = browser.waitFor("the peer's session end relayed to the viewer", TIMEOUT,
                    "return state.ended;", v -> v != null);
            assertTrue(String.valueOf(ended), !String.valueOf(ended).isBlank());
            assertNull(browser.execute("return state.error;"));
        }
    }

    /** The clip cataloged, the test Edge up with the peer linked and its viewer page open (once). */
    private void prepare() throws Exception {
        assumeTrue("Debian chromium + chromium-driver", Tools.present(Tool.CHROMIUM));
        assumeTrue("ffmpeg makes the clip", Tools.present(Tool.FFMPEG));
        Path clip = clip(mediaDir().resolve("clip.mp4"));
        MediaCatalog catalog = awaitService(MediaCatalog.class);
        awaitValue("clip.mp4 cataloged and ready", Duration.ofSeconds(60), () -> catalog.findByPath(clip),
                f -> f.isPresent() && f.get().status() == MediaStatus.READY);

        if (edge == null) {
            Path jar = Path.of(System.getProperty(TESTEDGE_JAR_PROPERTY));
            Path classes = Path.of(System.getProperty(TEST_CLASSES_PROPERTY));
            edge = EdgeProcess.start(jar, classes, edgePort(), workDir().resolve("edge-webrtc.log"));
            executeCommand("peer:edge-reconnect");
            assertEquals("ok", edge.call("await-peer " + PEER_ID + " " + CONNECT.toSeconds(), CONNECT.plusSeconds(5)));
            assertTrue(edge.call("await-offered 1 30").startsWith("ok"));
            catalogId = edge.call("catalog-id " + PEER_ID + " clip.mp4");
            awaitValue("the catalog id stored", TIMEOUT, () -> catalog.findByPath(clip).flatMap(MediaFile::catalogId),
                    id -> id.equals(Optional.of(catalogId)));
            String page = edge.call("webrtc-page 0");
            assertTrue(page, page.matches("ok \\d+"));
            pagePort = Integer.parseInt(page.substring(3));
            // The link is up: libwebrtc and FFmpeg are prepared before any viewer asks (issue 14.5).
            Path log = karafBase().resolve("data/log/karaf.log");
            await("the WebRTC engine prepared when the Edge link came up", CONNECT,
                    () -> logSays(log, "WebRTC engine started ahead of the first session"));
        }
    }

    private static boolean logSays(Path log, String text) {
        try {
            return Files.readString(log).contains(text);
        } catch (IOException | UncheckedIOException e) {
            return false; // rotated or not there yet: look again
        }
    }

    /** A 640x360, 30 s H.264 clip, made beside the media folder and moved in whole. */
    private static Path clip(Path target) throws Exception {
        if (Files.exists(target)) {
            return target;
        }
        Path made = workDir().resolve("clip.mp4");
        Process p = new ProcessBuilder("/usr/bin/ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc=size=" + WIDTH + "x360:rate=30", "-t", "30", "-pix_fmt", "yuv420p", "-c:v", "libx264",
                "-preset", "ultrafast", made.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue("ffmpeg finished", p.waitFor(60, TimeUnit.SECONDS));
        assertEquals("ffmpeg: " + out, 0, p.exitValue());
        Files.createDirectories(target.getParent());
        return Files.move(made, target, StandardCopyOption.ATOMIC_MOVE);
    }
}
