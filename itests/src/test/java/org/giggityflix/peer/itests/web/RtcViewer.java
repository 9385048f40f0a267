package org.giggityflix.peer.itests.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.giggityflix.peer.api.stream.IceCandidate;
import org.giggityflix.peer.api.stream.SessionOffer;
import org.giggityflix.peer.api.stream.SessionRequest;
import org.giggityflix.peer.api.stream.SignalingException;
import org.giggityflix.peer.api.stream.SignalingListener;
import org.giggityflix.peer.api.stream.WebRtcSignaling;
import org.giggityflix.peer.testsupport.Browser;
import org.giggityflix.peer.testsupport.Json;

/**
 * {@code RtcViewer} is responsible for watching one WebRTC session of the booted peer in a real headless Chromium,
 * with the test itself as the signaling channel: the peer's offer goes into the page's {@code RTCPeerConnection},
 * the page's answer (its candidates gathered into it) comes back, the peer's candidates are added as they trickle,
 * and the page shows the received video in a {@code <video>} whose size the test reads.
 */
final class RtcViewer {

    private final Browser browser;
    private final WebRtcSignaling signaling;
    private final List<IceCandidate> candidates = new ArrayList<>();
    private volatile String endReason;
    private String sessionId;
    private int added;

    RtcViewer(Browser browser, WebRtcSignaling signaling) {
        this.browser = browser;
        this.signaling = signaling;
    }

    /** Opens a session for {@code request} and connects the page to it; a refusal is thrown as the peer said it. */
    String watch(SessionRequest request) throws SignalingException {
        browser.open("about:blank");
        SessionOffer offer = signaling.open(request, new SignalingListener() {
            @Override
            public void localCandidate(String id, IceCandidate candidate) {
                synchronized (candidates) {
                    candidates.add(candidate);
                }
            }

            @Override
            public void ended(String id, String reason) {
                endReason = reason;
            }
        });
        sessionId = offer.sessionId();
        Object answer = browser.execute("window.pc = new RTCPeerConnection();"
                + "window.v = document.createElement('video'); v.muted = true; v.autoplay = true;"
                + "document.body.appendChild(v);"
                + "pc.ontrack = e => { if (e.track.kind === 'video') { v.srcObject = e.streams[0]"
                + " || new MediaStream([e.track]); v.play(); } };"
                + "return pc.setRemoteDescription({type: 'offer', sdp: " + Json.string(offer.sdp()) + "})"
                + ".then(() => pc.createAnswer()).then(a => pc.setLocalDescription(a))"
                + ".then(() => new Promise(done => { if (pc.iceGatheringState === 'complete') { done(); }"
                + " else { pc.onicegatheringstatechange = () => { if (pc.iceGatheringState === 'complete') done(); };"
                + " setTimeout(done, 5000); } }))"
                + ".then(() => pc.localDescription.sdp);");
        signaling.applyAnswer(sessionId, (String) answer);
        return sessionId;
    }

    /** Waits until the page shows video, adding the peer's candidates meanwhile; returns {width, height}. */
    int[] awaitPicture(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            addCandidates();
            Object width = browser.execute("return v.videoWidth;");
            if (width instanceof Number w && w.intValue() > 0) {
                return new int[] {w.intValue(), ((Number) browser.execute("return v.videoHeight;")).intValue()};
            }
            if (endReason != null) {
                throw new AssertionError("the session ended before a picture: " + endReason);
            }
            sleep();
        }
        throw new AssertionError("no picture within " + timeout + "; connection "
                + browser.execute("return pc.connectionState;"));
    }

    String endReason() {
        return endReason;
    }

    void stop() {
        if (sessionId != null) {
            signaling.stop(sessionId);
        }
        browser.execute("if (window.pc) { pc.close(); } return true;");
    }

    private void addCandidates() {
        List<IceCandidate> fresh;
        synchronized (candidates) {
            fresh = new ArrayList<>(candidates.subList(added, candidates.size()));
            added = candidates.size();
        }
        for (IceCandidate c : fresh) {
            browser.execute("pc.addIceCandidate({candidate: " + Json.string(c.candidate()) + ", sdpMid: "
                    + Json.string(c.sdpMid()) + ", sdpMLineIndex: " + c.sdpMLineIndex() + "}); return true;");
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
