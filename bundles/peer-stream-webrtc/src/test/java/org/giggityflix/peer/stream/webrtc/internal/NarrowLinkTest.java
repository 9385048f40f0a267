package org.giggityflix.peer.stream.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.giggityflix.peer.api.stream.SignalingException;
import org.giggityflix.peer.api.stream.SignalingException.Reason;
import org.giggityflix.peer.testsupport.Await;
import org.giggityflix.peer.testsupport.Browser;
import org.giggityflix.peer.testsupport.FfmpegCli;
import org.giggityflix.peer.testsupport.ImpairmentRelay;
import org.giggityflix.peer.testsupport.ImpairmentRelay.Impairment;
import org.giggityflix.peer.testsupport.NetNamespace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.giggityflix.peer.stream.webrtc.internal.LinkViewer.Seen;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that a stream holds on a viewer's real internet link (issue 17): headless Chromium runs in its own network
 * namespace ({@link NetNamespace}), joined to the peer by a veth pair, and everything is read from the viewer's own
 * {@code getStats()}. A link capped at 1 Mbit/s with {@code tbf} makes a 720p30 stream lower its resolution and keep
 * its frame rate (maintain-framerate), with the sound arriving throughout; 40 ms of round trip, jitter and 1 % loss
 * from an {@link ImpairmentRelay} on the media path (the viewer only learns the relay's address) give no freeze
 * worth the name, the lost packets coming back through NACK. An 8 s outage pauses the film where the viewer lost it
 * and it goes on from there; a viewer gone for good ends its session; a viewer whose network changes (its old path
 * dead, a new one only a new offer leads to) gets an ICE restart and goes on, same session.
 *
 * <p>Needs root (namespaces, {@code tc}) and Debian chromium + chromium-driver + ffmpeg: skipped with the reason
 * otherwise, except under CI ({@code CI=true}), where a missing piece fails.
 */
class NarrowLinkTest {

    /**
     * System property: {@code true} takes NACK out of the offer the viewer answers in {@link
     * #delayJitterAndLossGiveNoFreeze}, which must then fail (the proof that its bounds need retransmission).
     */
    static final String WITHOUT_NACK = "narrowLink.withoutNack";
    /** chromedriver's port inside the namespace (nothing else listens there). */
    static final int DRIVER_PORT = 61150;

    @TempDir
    static Path dir;
    static Path film;
    static FrameSources frames;
    static RtcEngine engine;
    static volatile WebRtcSettings settings;

    NetNamespace viewerNet;
    WebRtcSessions sessions;
    SignalingServer signaling;
    Browser browser;
    final List<ImpairmentRelay> relays = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void media() throws Exception {
        String missing = NetNamespace.unavailableReason();
        if (missing == null && !Browser.available()) {
            missing = "needs Debian chromium + chromium-driver";
        }
        if (missing == null && !FfmpegCli.available()) {
            missing = "needs the ffmpeg command (Debian ffmpeg)";
        }
        if (missing != null && NetNamespace.underCi()) {
            fail("under CI this test must run: " + missing);
        }
        assumeTrue(missing == null, missing);
        // 720p30 H.264 with sound, as a camera or a release makes it (ultrafast: made in a few seconds); 90 s, so a
        // drop and the link's return fit in the film on a slow machine.
        film = dir.resolve("film.mp4");
        FfmpegCli.run("-f", "lavfi", "-i", "testsrc2=s=1280x720:r=30:d=90",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=90",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
                film.toString());
        engine = new RtcEngine();
        frames = TestFrames.ffmpeg();
    }

    @BeforeEach
    void viewerNetwork() throws Exception {
        viewerNet = NetNamespace.create();
        settings = new WebRtcSettings(List.of(), 5000, 2, 30);
        sessions = new WebRtcSessions(engine, luid -> {
            if (luid != 1) {
                throw new SignalingException(Reason.NO_SUCH_MEDIA, "no luid " + luid);
            }
            return film;
        }, frames, () -> settings);
        signaling = new SignalingServer(viewerNet.hostAddress(), 0, sessions);
        browser = Browser.in(viewerNet, DRIVER_PORT);
    }

    @AfterEach
    void cleanUp() {
        if (browser != null) {
            browser.close();
        }
        if (signaling != null) {
            signaling.close();
        }
        if (sessions != null) {
            sessions.close();
        }
        relays.forEach(ImpairmentRelay::close);
        if (viewerNet != null) {
            viewerNet.close();
        }
    }

    @AfterAll
    static void stopEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aNarrowLinkLowersTheResolutionAndKeepsTheFrameRate() throws Exception {
        settings = settings.with(Degradation.MAINTAIN_FRAMERATE);
        viewerNet.shape(1000);
        LinkViewer viewer = new LinkViewer(browser, signaling);
        viewer.watch("{}");
        List<Seen> seen = viewer.observe(20);
        String log = seen.toString();
        System.out.println("1 Mbit/s: " + log);
        int lowest = seen.stream().skip(1).mapToInt(Seen::height).filter(h -> h > 0).min().orElse(0);
        assertTrue(lowest > 0 && lowest < 720, "the resolution went down from 720 lines: " + log);
        Seen tenBeforeEnd = seen.get(seen.size() - 11);
        Seen end = seen.get(seen.size() - 1);
        double fps = LinkViewer.fps(tenBeforeEnd, end);
        assertTrue(fps >= 20, "at least 20 fps decoded over the last 10 s at 1 Mbit/s, was " + fps + ": " + log);
        long samples = end.audioSamples() - tenBeforeEnd.audioSamples();
        assertTrue(samples > 48_000 * 10 / 2, "sound arrived over the last 10 s (" + samples + " samples): " + log);
        assertEquals(1, sessions.sessions().size());
    }

    @Test
    void delayJitterAndLossGiveNoFreeze() throws Exception {
        Map<InetSocketAddress, ImpairmentRelay> byTarget = throughRelay(new Impairment(20, 5, 1.0));
        if (Boolean.getBoolean(WITHOUT_NACK)) {
            // The negative control, run by hand: the viewer answers an offer without NACK, so nothing lost is sent
            // again and only key frames repair the picture. The bounds below must fail then.
            signaling.offerToViewer = sdp -> sdp.replaceAll("a=rtcp-fb:\\d+ nack\r\n", "");
        }
        viewerNet.shape(3000);
        LinkViewer viewer = new LinkViewer(browser, signaling);
        String sessionId = viewer.watch("{}");
        String offer = signaling.offers.get(sessionId);
        assertNotNull(offer);
        for (String feedback : List.of(" nack", " nack pli", " ccm fir", " transport-cc")) {
            assertTrue(offer.matches("(?s).*a=rtcp-fb:\\d+" + feedback + "\r?\n.*"), "the offer asks for"
                    + feedback + ":\n" + offer);
        }
        // The first seconds are the bandwidth estimate's ramp from libwebrtc's 300 kbit/s start: measured after it.
        Thread.sleep(5000);
        List<Seen> seen = viewer.observe(20);
        String log = seen.toString() + " " + byTarget.values();
        System.out.println("delay/jitter/loss: " + log);
        Seen first = seen.get(0);
        Seen end = seen.get(seen.size() - 1);
        assertTrue(byTarget.values().stream().mapToLong(ImpairmentRelay::dropped).sum() > 20,
                "the relay really lost packets: " + log);
        // What the viewer sees, with bounds a loaded build machine cannot miss (the viewer decodes on the same two
        // cores: 21.8 fps and 3.5 s frozen in 20 s were seen at load 14-18). Without retransmission
        // (narrowLink.withoutNack: NACK taken out of the offer the viewer answers) the viewer sent no NACK in two
        // runs out of two, and one of them froze 3.2 s until a key frame came; libwebrtc's FEC hides most of 1 %
        // loss, so the pictures alone do not always tell. The goals (no freeze over 1 s, 24 fps) are
        // bench/stream.sh --links' to measure, on a quiet machine.
        List<String> missed = new ArrayList<>();
        if (end.nacks() <= first.nacks()) {
            missed.add("the viewer asked for lost packets again (NACK)");
        }
        // freezeCount and totalFreezesDuration grow when a freeze ends: what the total grew by in one second is an
        // upper bound of the longest freeze that ended in it.
        for (int i = 1; i < seen.size(); i++) {
            double longest = seen.get(i).freezeSeconds() - seen.get(i - 1).freezeSeconds();
            if (longest > 2.5) {
                missed.add("no freeze longer than 2.5 s; " + longest + " s ended at " + i + " s");
            }
        }
        double frozen = end.freezeSeconds() - first.freezeSeconds();
        if (frozen > 6.0) {
            missed.add("at most 6 s frozen in 20 s, was " + frozen + " s");
        }
        double fps = LinkViewer.fps(first, end);
        if (fps < 15) {
            missed.add("at least 15 fps decoded (half the film's), was " + fps);
        }
        assertEquals(List.of(), missed, "with 40 ms round trip, jitter and 1 % loss: " + log);
    }

    @Test
    void aDropLowersTheResolutionAndTheLinkComingBackRaisesItAgain() throws Exception {
        viewerNet.shape(8000);
        LinkViewer viewer = new LinkViewer(browser, signaling);
        viewer.watch("{}");
        long t0 = System.nanoTime();
        List<Seen> heights = new CopyOnWriteArrayList<>();
        // Only the bounds are asserted here, generous for a loaded build machine; how fast it adapts (goal 5 s) and
        // recovers is measured by bench/stream.sh --links' "drop" scenario.
        Await.until(Duration.ofSeconds(40), () -> "the whole 720 lines at 8 Mbit/s: " + heights,
                () -> height(viewer, t0, heights) == 720);
        Seen before = viewer.seen(t0);
        viewerNet.shape(1500);
        Await.until(Duration.ofSeconds(25), () -> "fewer lines after the link narrowed to 1.5 Mbit/s: " + heights,
                () -> {
                    int h = height(viewer, t0, heights);
                    return h > 0 && h < 720;
                });
        viewerNet.shape(8000);
        Await.until(Duration.ofSeconds(40), () -> "720 lines again once the link is back at 8 Mbit/s: " + heights,
                () -> height(viewer, t0, heights) == 720);
        Seen after = viewer.seen(t0);
        System.out.println("8 -> 1.5 -> 8 Mbit/s: " + heights);
        assertTrue(after.audioSamples() - before.audioSamples() > 48_000 * (after.seconds() - before.seconds()) / 2,
                "sound went on through the drop: " + before + " -> " + after);
        assertEquals(1, sessions.sessions().size());
    }

    /** The viewer's decoded height now; each change is added to {@code heights}, for the failure message. */
    private static int height(LinkViewer viewer, long t0, List<Seen> heights) {
        Seen now = viewer.seen(t0);
        if (heights.isEmpty() || heights.get(heights.size() - 1).height() != now.height()) {
            heights.add(now);
        }
        return now.height();
    }

    @Test
    void aViewerBackSoonGoesOnAndOneGoneForGoodEndsItsSession() throws Exception {
        Map<InetSocketAddress, ImpairmentRelay> byTarget = throughRelay(Impairment.NONE);
        LinkViewer viewer = new LinkViewer(browser, signaling);
        String id = viewer.watch("{}");
        Await.until(LinkViewer.PATIENCE, "a position report", () -> browser.number(
                "return state.status ? state.status.position : -1") >= 1);
        // 8 s with nothing passing (a train in a tunnel): the peer sees the viewer unreachable (DISCONNECTED), goes
        // back to where it last heard from it and pauses; when the path is back the film goes on from about where the
        // viewer lost it, not 8 s later.
        double before = browser.number("return state.status.position");
        byTarget.values().forEach(r -> r.impair(new Impairment(0, 0, 100)));
        long outage = System.nanoTime();
        Await.until(LinkViewer.PATIENCE, () -> "the peer sees the viewer unreachable: " + sessions.sessions(),
                () -> sessions.sessions().get(0).state().startsWith("DISCONNECTED"));
        Thread.sleep(Math.max(0, 8_000 - (System.nanoTime() - outage) / 1_000_000));
        long framesBefore = viewer.seen(System.nanoTime()).framesDecoded();
        byTarget.values().forEach(r -> r.impair(Impairment.NONE));
        Await.until(LinkViewer.PATIENCE, () -> "pictures again after the outage: " + sessions.sessions(),
                () -> viewer.seen(System.nanoTime()).framesDecoded() > framesBefore + 30);
        double after = browser.number("return state.status.position");
        System.out.println("8 s outage: position " + before + " s before, " + after + " s after");
        assertTrue(after >= before - 3 && after < before + 7, "the film went on from about where it was: " + before
                + " s before the outage, " + after + " s after");
        assertEquals(List.of(id), sessions.sessions().stream().map(s -> s.id()).toList());

        // Gone for good (no path, no new one): the session ends within the peer's bound and its pump (the decoder)
        // stops.
        signaling.peerCandidates = line -> null;
        byTarget.values().forEach(r -> r.impair(new Impairment(0, 0, 100)));
        long cut = System.nanoTime();
        // The signaling side hears the end last (after the session is freed): wait for that.
        Await.until(Duration.ofSeconds(WebRtcConstants.VIEWER_GONE_SECONDS + 30), () -> "the session ends: "
                + sessions.sessions(), () -> signaling.endReasons.containsKey(id));
        assertTrue(sessions.sessions().isEmpty(), sessions.sessions().toString());
        double took = (System.nanoTime() - cut) / 1e9;
        System.out.println("viewer gone: session ended after " + took + " s: " + signaling.endReasons.get(id));
        assertTrue(signaling.endReasons.get(id).contains("unreachable")
                || signaling.endReasons.get(id).contains("failed"), signaling.endReasons.get(id));
        Await.until(() -> "the session's pump thread ends", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().contains(id) && t.isAlive()));
    }

    @Test
    void aViewerWhoseNetworkChangesGoesOnAfterAnIceRestart() throws Exception {
        Map<InetSocketAddress, ImpairmentRelay> first = throughRelay(Impairment.NONE);
        LinkViewer viewer = new LinkViewer(browser, signaling);
        String id = viewer.watch("{}");
        Await.until(LinkViewer.PATIENCE, "a position report", () -> browser.number(
                "return state.status ? state.status.position : -1") >= 1);
        double before = browser.number("return state.status.position");
        // The viewer moves (Wi-Fi to mobile): its old path carries nothing any more and a new one opens, which only
        // the candidates of a new offer lead to.
        Map<InetSocketAddress, ImpairmentRelay> second = throughRelay(Impairment.NONE);
        first.values().forEach(r -> r.impair(new Impairment(0, 0, 100)));
        long framesBefore = viewer.seen(System.nanoTime()).framesDecoded();
        Await.until(LinkViewer.PATIENCE, () -> "pictures again on the new path: " + sessions.sessions() + ", restarts "
                + browser.text("return state.restarts"), () -> !second.isEmpty()
                && second.values().stream().mapToLong(ImpairmentRelay::forwarded).sum() > 200
                && viewer.seen(System.nanoTime()).framesDecoded() > framesBefore + 30);
        double after = browser.number("return state.status.position");
        System.out.println("network change: position " + before + " s before, " + after + " s after, restarts "
                + browser.text("return state.restarts"));
        assertTrue(browser.number("return state.restarts || 0") >= 1, "the viewer answered an ICE restart offer");
        assertTrue(after >= before - 3 && after < before + 7, "the film went on from about where it was: " + before
                + " s before, " + after + " s after");
        assertEquals(List.of(id), sessions.sessions().stream().map(s -> s.id()).toList());
    }

    /**
     * Puts an {@link ImpairmentRelay} with {@code path} between the viewer and each of the peer's UDP candidates on
     * the viewer's link; the viewer learns only the relays' addresses (the peer's own candidates are withheld, and
     * so are the viewer's: the peer meets it through the relay, as a peer-reflexive candidate).
     */
    private Map<InetSocketAddress, ImpairmentRelay> throughRelay(Impairment path) throws Exception {
        Map<InetSocketAddress, ImpairmentRelay> byTarget = new ConcurrentHashMap<>();
        InetAddress host = InetAddress.getByName(viewerNet.hostAddress());
        signaling.peerCandidates = line -> ImpairmentRelay.udpAddressOf(line)
                .filter(a -> a.getAddress().equals(host))
                .map(target -> byTarget.computeIfAbsent(target, t -> relay(host, t, path)).candidateVia(line))
                .orElse(null);
        signaling.viewerCandidates = line -> null;
        return byTarget;
    }

    private ImpairmentRelay relay(InetAddress host, InetSocketAddress target, Impairment path) {
        try {
            ImpairmentRelay relay = new ImpairmentRelay(host, target, path, 17);
            relays.add(relay);
            return relay;
        } catch (java.net.SocketException e) {
            throw new IllegalStateException(e);
        }
    }
}
