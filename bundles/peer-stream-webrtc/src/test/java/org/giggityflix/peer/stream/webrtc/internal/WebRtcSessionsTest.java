package org.giggityflix.peer.stream.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import org.giggityflix.peer.api.stream.IceCandidate;
import org.giggityflix.peer.api.stream.SessionOffer;
import org.giggityflix.peer.api.stream.SessionRequest;
import org.giggityflix.peer.api.stream.SignalingException;
import org.giggityflix.peer.api.stream.SignalingException.Reason;
import org.giggityflix.peer.api.stream.SignalingListener;
import org.giggityflix.peer.testsupport.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the session rules with the real libwebrtc engine and no browser: the concurrent limit under a burst of
 * requests, the answer deadline freeing a session, catalog checks, and bad signaling (unknown session, malformed
 * SDP or candidate, a second answer) refused with a reason while the session lives on.
 */
class WebRtcSessionsTest {

    @TempDir
    static Path dir;
    static Path video;
    static RtcEngine engine;

    WebRtcSessions sessions;
    final Map<String, String> ended = new ConcurrentHashMap<>();
    final SignalingListener listener = new SignalingListener() {
        @Override
        public void localCandidate(String sessionId, IceCandidate candidate) {
        }

        @Override
        public void ended(String sessionId, String reason) {
            ended.put(sessionId, reason);
        }
    };

    @BeforeAll
    static void media() throws Exception {
        video = TestMedia.video(dir.resolve("clip.mp4"), 320, 180, 3, true);
        engine = new RtcEngine();
    }

    @AfterAll
    static void engine() {
        engine.close();
    }

    @AfterEach
    void close() {
        if (sessions != null) {
            sessions.close();
        }
    }

    private WebRtcSessions sessions(int max, int timeoutSec) {
        WebRtcSettings settings = new WebRtcSettings(List.of(), 3000, max, timeoutSec);
        sessions = new WebRtcSessions(engine, luid -> {
            Path file = dir.resolve("luid-" + luid + ".mp4");
            if (luid == 1) {
                return video;
            }
            if (luid == 2) {
                throw new SignalingException(Reason.FILE_GONE, "gone");
            }
            throw new SignalingException(Reason.NO_SUCH_MEDIA, "no " + file);
        }, TestFrames.ffmpeg(), () -> settings);
        return sessions;
    }

    @Test
    void burstBeyondTheLimitIsRefusedWithAReason() throws Exception {
        sessions(3, 30);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Callable<Object> open = () -> {
                    try {
                        return sessions.open(SessionRequest.of(1), listener);
                    } catch (SignalingException e) {
                        return e;
                    }
                };
                results.add(pool.submit(open));
            }
            int offers = 0;
            int refused = 0;
            for (Future<Object> r : results) {
                Object o = r.get(60, TimeUnit.SECONDS);
                if (o instanceof SessionOffer offer) {
                    offers++;
                    assertTrue(offer.sdp().startsWith("v=0"));
                } else {
                    SignalingException e = (SignalingException) o;
                    assertEquals(Reason.LIMIT_REACHED, e.reason(), e.getMessage());
                    assertTrue(e.getMessage().contains("maxSessions=3"), e.getMessage());
                    refused++;
                }
            }
            assertEquals(3, offers);
            assertEquals(17, refused);
            assertEquals(3, sessions.sessions().size());
        } finally {
            pool.shutdownNow();
        }
        sessions.close();
        assertEquals(0, sessions.sessions().size());
        assertEquals(3, ended.size());
        assertTrue(ended.values().stream().allMatch(r -> r.contains("transport was removed")), ended.toString());
    }

    @Test
    void aViewerThatNeverAnswersIsTimedOutAndFreed() throws Exception {
        sessions(1, 2);
        SessionOffer offer = sessions.open(SessionRequest.of(1), listener);
        assertEquals(1, sessions.sessions().size());
        Await.until(Duration.ofSeconds(10), "the session times out", () -> ended.containsKey(offer.sessionId()));
        assertTrue(ended.get(offer.sessionId()).contains("did not answer"), ended.get(offer.sessionId()));
        assertEquals(0, sessions.sessions().size());
        // The slot is free again.
        sessions.open(SessionRequest.of(1), listener);
        assertEquals(1, sessions.sessions().size());
    }

    @Test
    void catalogChecksComeFirst() {
        sessions(3, 30);
        assertEquals(Reason.NO_SUCH_MEDIA, assertThrows(SignalingException.class,
                () -> sessions.open(SessionRequest.of(99), listener)).reason());
        assertEquals(Reason.FILE_GONE, assertThrows(SignalingException.class,
                () -> sessions.open(SessionRequest.of(2), listener)).reason());
        assertEquals(0, sessions.sessions().size());
    }

    @Test
    void aFileThatCannotBeDecodedIsRefusedAndFreed() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.mp4"), "not a video");
        WebRtcSettings settings = new WebRtcSettings(List.of(), 3000, 3, 30);
        sessions = new WebRtcSessions(engine, luid -> junk, TestFrames.ffmpeg(), () -> settings);
        SignalingException e = assertThrows(SignalingException.class, () -> sessions.open(SessionRequest.of(5), listener));
        assertEquals(Reason.FAILED, e.reason());
        assertEquals(0, sessions.sessions().size());
    }

    @Test
    void badSignalingIsRefusedAndTheSessionLivesOn() throws Exception {
        sessions(3, 30);
        assertEquals(Reason.NO_SUCH_SESSION, assertThrows(SignalingException.class,
                () -> sessions.applyAnswer("nobody", "v=0\r\n")).reason());
        assertEquals(Reason.NO_SUCH_SESSION, assertThrows(SignalingException.class,
                () -> sessions.addRemoteCandidate("nobody", new IceCandidate("0", 0, "candidate:1 1 udp 1 1.2.3.4 5 typ host"))).reason());

        SessionOffer offer = sessions.open(new SessionRequest(Optional.of("s-1"), 1, OptionalInt.of(800),
                Optional.empty(), List.of()), listener);
        assertEquals("s-1", offer.sessionId());
        assertEquals(Reason.INVALID, assertThrows(SignalingException.class,
                () -> sessions.open(new SessionRequest(Optional.of("s-1"), 1, OptionalInt.empty(), Optional.empty(),
                        List.of()), listener)).reason());
        assertEquals(Reason.INVALID, assertThrows(SignalingException.class,
                () -> sessions.applyAnswer("s-1", "hello")).reason());
        assertEquals(Reason.INVALID, assertThrows(SignalingException.class,
                () -> sessions.applyAnswer("s-1", "v=0\r\nthis is not sdp\r\n")).reason());
        assertEquals(Reason.INVALID, assertThrows(SignalingException.class,
                () -> sessions.addRemoteCandidate("s-1", new IceCandidate("0", 0, "candidate: garbage"))).reason());

        RTCPeerConnection viewer = engine.factory().createPeerConnection(new RTCConfiguration(), new PeerConnectionObserver() {
            @Override
            public void onIceCandidate(RTCIceCandidate candidate) {
            }
        });
        try {
            String answer = answer(viewer, offer.sdp());
            sessions.applyAnswer("s-1", answer);
            SignalingException second = assertThrows(SignalingException.class, () -> sessions.applyAnswer("s-1", answer));
            assertEquals(Reason.INVALID, second.reason());
            assertTrue(second.getMessage().contains("already"), second.getMessage());
            sessions.addRemoteCandidate("s-1", new IceCandidate("0", 0, "candidate:1 1 udp 2122260223 192.0.2.9 50000 typ host"));
            assertEquals(1, sessions.sessions().size());
            assertTrue(ended.isEmpty(), ended.toString());
            assertTrue(sessions.stop("s-1"));
            assertTrue(!sessions.stop("s-1"));
            assertEquals("stopped on the peer", ended.get("s-1"));
        } finally {
            viewer.close();
        }
    }

    @Test
    void thePeersCandidatesFollowTheAnswerAndThenTheirEndIsSaidOnce() throws Exception {
        sessions(3, 30);
        List<String> heard = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        SessionOffer offer = sessions.open(new SessionRequest(Optional.of("s-c"), 1, OptionalInt.empty(),
                Optional.empty(), List.of()), new SignalingListener() {
                    @Override
                    public void localCandidate(String sessionId, IceCandidate candidate) {
                        heard.add("candidate " + candidate.candidate());
                    }

                    @Override
                    public void candidatesComplete(String sessionId) {
                        heard.add("complete");
                    }

                    @Override
                    public void ended(String sessionId, String reason) {
                        heard.add("ended");
                    }
                });
        RTCPeerConnection viewer = engine.factory().createPeerConnection(new RTCConfiguration(), new PeerConnectionObserver() {
            @Override
            public void onIceCandidate(RTCIceCandidate candidate) {
            }
        });
        try {
            sessions.applyAnswer("s-c", answer(viewer, offer.sdp()));

            Await.until(java.time.Duration.ofSeconds(15), "the peer's candidates complete",
                    () -> heard.contains("complete"));
            sessions.stop("s-c");
            Await.until(java.time.Duration.ofSeconds(10), "the end", () -> heard.contains("ended"));
            List<String> all = List.copyOf(heard);
            int complete = all.indexOf("complete");
            assertEquals(complete, all.lastIndexOf("complete"), "said once: " + all);
            assertTrue(all.subList(0, complete).stream().allMatch(e -> e.startsWith("candidate ")),
                    "every candidate comes before the end of candidates: " + all);
            assertEquals(List.of("ended"), all.subList(complete + 1, all.size()), all.toString());
        } finally {
            viewer.close();
        }
    }

    private static String answer(RTCPeerConnection viewer, String offer) throws Exception {
        CompletableFuture<Void> remote = new CompletableFuture<>();
        viewer.setRemoteDescription(new RTCSessionDescription(RTCSdpType.OFFER, offer), observer(remote));
        remote.get(10, TimeUnit.SECONDS);
        CompletableFuture<RTCSessionDescription> answer = new CompletableFuture<>();
        viewer.createAnswer(new RTCAnswerOptions(), new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                answer.complete(description);
            }

            @Override
            public void onFailure(String error) {
                answer.completeExceptionally(new IllegalStateException(error));
            }
        });
        RTCSessionDescription description = answer.get(10, TimeUnit.SECONDS);
        CompletableFuture<Void> local = new CompletableFuture<>();
        viewer.setLocalDescription(description, observer(local));
        local.get(10, TimeUnit.SECONDS);
        return description.sdp;
    }

    private static SetSessionDescriptionObserver observer(CompletableFuture<Void> f) {
        return new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                f.complete(null);
            }

            @Override
            public void onFailure(String error) {
                f.completeExceptionally(new IllegalStateException(error));
            }
        };
    }
}
