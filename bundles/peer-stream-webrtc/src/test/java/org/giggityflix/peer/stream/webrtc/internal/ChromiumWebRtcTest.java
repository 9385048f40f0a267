package org.giggityflix.peer.stream.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.giggityflix.peer.api.stream.SignalingException;
import org.giggityflix.peer.api.stream.SignalingException.Reason;
import org.giggityflix.peer.testsupport.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.giggityflix.peer.testsupport.Browser;

/**
 * Proves the transport end to end with a real headless Chromium as the viewer, signaling over a tiny HTTP page
 * ({@link SignalingServer}): the browser decodes frames at the file's size, H.264 is used when asked for, seeking
 * over the control channel moves the position, and stopping (from the browser or the peer) or deleting the file
 * frees the session on the peer and tells the browser.
 */
class ChromiumWebRtcTest {

    static final int SIGNALING_PORT = 61110;
    static final int DRIVER_PORT = 61111;
    static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static Path video;
    static Path doomed;
    static RtcEngine engine;
    static WebRtcSessions sessions;
    static SignalingServer signaling;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Browser.available(), "needs Debian chromium + chromium-driver");
        video = TestMedia.video(dir.resolve("clip.mp4"), 640, 360, 8, true);
        doomed = Files.copy(video, dir.resolve("doomed.mp4"));
        engine = new RtcEngine();
        WebRtcSettings settings = new WebRtcSettings(List.of(), 2500, 2, 20);
        sessions = new WebRtcSessions(engine, luid -> {
            Path file = luid == 1 ? video : luid == 2 ? doomed : null;
            if (file == null) {
                throw new SignalingException(Reason.NO_SUCH_MEDIA, "no luid " + luid);
            }
            if (!Files.exists(file)) {
                throw new SignalingException(Reason.FILE_GONE, "gone");
            }
            return file;
        }, () -> settings);
        signaling = new SignalingServer(SIGNALING_PORT, sessions);
        browser = new Browser(DRIVER_PORT);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (signaling != null) {
            signaling.close();
        }
        if (sessions != null) {
            sessions.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    private String startSession(String call) throws Exception {
        browser.open(signaling.url());
        browser.execute(call);
        Await.until(PATIENCE, "the peer accepts the session", () -> browser.text("return state.sessionId") != null
                || browser.text("return state.error") != null);
        String error = browser.text("return state.error");
        assertEquals(null, error);
        return browser.text("return state.sessionId");
    }

    private void awaitDecoding(int width, int height) throws Exception {
        Await.until(PATIENCE, "the browser decodes frames at " + width + "x" + height, () ->
                browser.number("return window.inboundVideo ? window.inboundVideo.framesDecoded : 0") > 15
                        && browser.number("return document.getElementById('v').videoWidth") == width
                        && browser.number("return document.getElementById('v').videoHeight") == height);
        assertEquals(width, browser.number("return window.inboundVideo.width"));
        assertEquals(height, browser.number("return window.inboundVideo.height"));
    }

    @Test
    void browserDecodesAtTheFilesSizeSeeksAndStopFreesTheSession() throws Exception {
        String id = startSession("start(1)");
        awaitDecoding(640, 360);
        assertEquals("video/VP8", browser.text("return window.inboundVideo.codec"));
        assertEquals(1, sessions.sessions().size());
        assertTrue(sessions.sessions().get(0).state().startsWith("CONNECTED 640x360"), sessions.sessions().get(0).state());

        Await.until(PATIENCE, "a position report arrives", () -> browser.number("return state.status ? state.status.position : -1") >= 0);
        double before = browser.number("return state.status.position");
        assertTrue(before < 5, "position before the seek: " + before);
        assertEquals(8.0, browser.number("return state.status.duration"), 0.2);
        double decodedBefore = browser.number("return window.inboundVideo.framesDecoded");

        browser.execute("control.send(JSON.stringify({type: 'seek', position: 6.0}))");
        Await.until(PATIENCE, "the position moves to the seek target", () ->
                browser.number("return state.status.position") >= 6.0);
        Await.until(PATIENCE, "frames keep coming after the seek", () ->
                browser.number("return window.inboundVideo.framesDecoded") > decodedBefore + 10);

        browser.execute("control.send(JSON.stringify({type: 'stop'}))");
        Await.until(PATIENCE, "stopping frees the session on the peer", () -> sessions.sessions().isEmpty()
                && signaling.endReasons.containsKey(id));
        assertEquals("the viewer stopped", signaling.endReasons.get(id));
        Await.until(PATIENCE, "the browser hears the end", () -> browser.text("return state.ended") != null);
    }

    @Test
    void h264WhenAskedForAndAPeerSideStopReachesTheBrowser() throws Exception {
        String id = startSession("start(1, 'H264')");
        awaitDecoding(640, 360);
        assertEquals("video/H264", browser.text("return window.inboundVideo.codec"));
        assertTrue(sessions.stop(id));
        assertTrue(sessions.sessions().isEmpty());
        Await.until(PATIENCE, "the browser hears the peer stopped", () -> "stopped on the peer".equals(
                browser.text("return state.ended")));
    }

    @Test
    void deletingTheFileEndsTheSession() throws Exception {
        String id = startSession("start(2)");
        awaitDecoding(640, 360);
        Files.delete(doomed);
        Await.until(PATIENCE, "the session ends when its file goes", () -> sessions.sessions().isEmpty()
                && signaling.endReasons.containsKey(id));
        assertTrue(signaling.endReasons.get(id).contains("gone"), signaling.endReasons.get(id));
        browser.open(signaling.url());
        browser.execute("start(2)");
        Await.until(PATIENCE, "a new request for the deleted file is refused", () -> browser.text("return state.error") != null);
        assertTrue(browser.text("return state.error").startsWith("FILE_GONE"));
    }
}
