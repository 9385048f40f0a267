package org.giggityflix.peer.stream.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.giggityflix.peer.testsupport.Await;
import org.giggityflix.peer.testsupport.Browser;

/**
 * {@code LinkViewer} is responsible for the viewer's side of the link tests: it opens the {@link SignalingServer}'s
 * page in a (namespaced) headless Chromium, starts a session, and reads the viewer's own {@code getStats()} four
 * times a second — decoded frames and their height, freezes, NACKs and PLIs sent, video packets lost on the way and
 * packets that came again on the retransmission stream (libwebrtc's probing padding counts there too, so it is no
 * proof of NACKs answered), audio samples received, and the
 * selected candidate pair (the peer's candidate type: {@code relay} through TURN, {@code host}/{@code prflx} direct).
 */
final class LinkViewer {

    static final Duration PATIENCE = Duration.ofSeconds(45);

    private final Browser browser;
    private final SignalingServer signaling;

    LinkViewer(Browser browser, SignalingServer signaling) {
        this.browser = browser;
        this.signaling = signaling;
    }

    /** What the viewer's getStats() said at one moment, {@code seconds} after a start of observation. */
    record Seen(double seconds, int height, long framesDecoded, long audioSamples, long freezes,
                double freezeSeconds, long nacks, long plis, String route, long resent, long lost) {
    }

    /**
     * Starts a session of luid 1 with {@code rtcConfig} (a JavaScript RTCConfiguration, e.g. {@code {iceServers:
     * [...]}}) and returns once the viewer decodes; its session id.
     */
    String watch(String rtcConfig) throws Exception {
        browser.open(signaling.url());
        browser.execute("window.rtcConfig = " + rtcConfig + ";\n" + """
                window.link = null;
                setInterval(async () => { if (!window.pc) return; const stats = await pc.getStats(); const l = {};
                  stats.forEach(s => { if (s.type === 'inbound-rtp' && s.kind === 'video') l.video = s;
                    if (s.type === 'inbound-rtp' && s.kind === 'audio') l.audio = s;
                    if (s.type === 'transport' && s.selectedCandidatePairId) l.pair = stats.get(s.selectedCandidatePairId); });
                  const remote = l.pair ? stats.get(l.pair.remoteCandidateId) : null;
                  window.link = {height: l.video ? l.video.frameHeight || 0 : 0,
                    decoded: l.video ? l.video.framesDecoded || 0 : 0,
                    freezes: l.video ? l.video.freezeCount || 0 : 0,
                    freezeSeconds: l.video ? l.video.totalFreezesDuration || 0 : 0,
                    nacks: l.video ? l.video.nackCount || 0 : 0, plis: l.video ? l.video.pliCount || 0 : 0,
                    resent: l.video ? l.video.retransmittedPacketsReceived || 0 : 0,
                    lost: l.video ? l.video.packetsLost || 0 : 0,
                    samples: l.audio ? l.audio.totalSamplesReceived || 0 : 0,
                    route: remote ? remote.candidateType : ''}; }, 250);
                start(1);
                """);
        Await.until(PATIENCE, () -> "the viewer decodes (error " + browser.text("return state.error") + ", ended "
                + browser.text("return state.ended") + ")", () -> browser.number(
                        "return window.link ? window.link.decoded : 0") > 0);
        assertNull(browser.text("return state.error"));
        return browser.text("return state.sessionId");
    }

    /** Milliseconds from the page asking for the session to its first picture shown. */
    double firstFrameMs() {
        return browser.number("return state.firstFrameMs");
    }

    Seen seen(long t0) {
        @SuppressWarnings("unchecked")
        Map<String, Object> l = (Map<String, Object>) browser.execute("return window.link");
        return new Seen((System.nanoTime() - t0) / 1e9, num(l, "height").intValue(), num(l, "decoded").longValue(),
                num(l, "samples").longValue(), num(l, "freezes").longValue(), num(l, "freezeSeconds").doubleValue(),
                num(l, "nacks").longValue(), num(l, "plis").longValue(), String.valueOf(l.get("route")),
                num(l, "resent").longValue(), num(l, "lost").longValue());
    }

    private static Number num(Map<String, Object> map, String key) {
        return map.get(key) instanceof Number n ? n : 0;
    }

    /** Samples the viewer once a second for {@code seconds}. */
    List<Seen> observe(int seconds) throws InterruptedException {
        long t0 = System.nanoTime();
        List<Seen> out = new ArrayList<>();
        for (int i = 0; i <= seconds; i++) {
            out.add(seen(t0));
            long next = t0 + (i + 1) * 1_000_000_000L;
            Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
        }
        return out;
    }

    /** Frames decoded per second between two samples. */
    static double fps(Seen from, Seen to) {
        return (to.framesDecoded() - from.framesDecoded()) / (to.seconds() - from.seconds());
    }
}
