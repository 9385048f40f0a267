package org.giggityflix.peer.edge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.giggityflix.peer.api.media.TrackChoice;
import org.giggityflix.peer.api.stream.IceCandidate;
import org.giggityflix.peer.api.stream.SessionOffer;
import org.giggityflix.peer.api.stream.SessionRequest;
import org.giggityflix.peer.api.stream.SignalingException;
import org.giggityflix.peer.api.stream.SignalingException.Reason;
import org.giggityflix.peer.api.stream.SignalingListener;
import org.giggityflix.peer.api.stream.StreamSession;
import org.giggityflix.peer.api.stream.WebRtcSignaling;
import org.giggityflix.peer.proto.CatalogErrorReason;
import org.giggityflix.peer.proto.EdgeMessage;
import org.giggityflix.peer.proto.EdgeWebRTCMessage;
import org.giggityflix.peer.proto.ICECandidate;
import org.giggityflix.peer.proto.PeerMessage;
import org.giggityflix.peer.proto.SDPAnswer;
import org.giggityflix.peer.proto.StreamSessionEnd;
import org.giggityflix.peer.proto.StreamSessionRequest;
import org.giggityflix.peer.proto.StreamSessionResponse;
import org.giggityflix.peer.testsupport.InMemoryCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the Edge's WebRTC signaling reaches the transport and the transport's comes back on the same link,
 * correlated by session id: response then offer for a request, candidates and ends later, catalog ids checked
 * first, the limit and bad messages answered with reasons, sessions ended when their link goes, and nothing
 * claimed without a transport (EdgeRequests then says NOT_AVAILABLE).
 */
class EdgeWebRtcTest {

    @TempDir
    Path root;
    InMemoryCatalog catalog;
    FakeTransport transport;
    EdgeWebRtc relay;
    final Object link = new Object();
    final List<PeerMessage> later = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        catalog = catalogOfAFileAndAGoneOne(root);
        transport = new FakeTransport();
        relay = new EdgeWebRtc(catalog, () -> transport);
    }

    private List<PeerMessage> send(String requestId, EdgeWebRTCMessage signal) {
        EdgeMessage message = EdgeMessage.newBuilder().setRequestId(requestId).setEdgeWebrtc(signal).build();
        return relay.handle(message, link, later::add).orElseThrow();
    }

    private static EdgeWebRTCMessage request(String catalogId, String session) {
        return EdgeWebRTCMessage.newBuilder().setStreamSessionRequest(StreamSessionRequest.newBuilder()
                .setCatalogId(catalogId).setSessionId(session).setMaxBitrateKbps(1200).setPreferredCodec("H264")).build();
    }

    @Test
    void aRequestIsAnsweredWithResponseThenOfferAndTheTransportSpeaksLater() {
        List<PeerMessage> answers = send("r1", request("c-a", "s1"));
        assertEquals(2, answers.size());
        StreamSessionResponse response = answers.get(0).getPeerWebrtc().getStreamSessionResponse();
        assertTrue(response.getSuccess());
        assertEquals("s1", response.getSessionId());
        assertEquals("c-a", response.getCatalogId());
        assertEquals("s1", answers.get(1).getPeerWebrtc().getSdpOffer().getSessionId());
        assertEquals("v=0 offer", answers.get(1).getPeerWebrtc().getSdpOffer().getSdp());
        assertTrue(answers.stream().allMatch(m -> m.getRequestId().equals("r1")));

        SessionRequest opened = transport.requests.get(0);
        assertEquals(1200, opened.maxBitrateKbps().getAsInt());
        assertEquals("H264", opened.preferredCodec().orElseThrow());

        assertTrue(send("r2", EdgeWebRTCMessage.newBuilder().setSdpAnswer(SDPAnswer.newBuilder()
                .setSessionId("s1").setSdp("v=0 answer")).build()).isEmpty());
        assertEquals("v=0 answer", transport.answers.get("s1"));
        send("r3", EdgeWebRTCMessage.newBuilder().setIceCandidate(ICECandidate.newBuilder().setSessionId("s1")
                .setCandidate("candidate:1 1 udp 1 192.0.2.1 9 typ host").setSdpMid("0")).build());
        assertEquals(1, transport.candidates.size());

        transport.listeners.get("s1").localCandidate("s1", new IceCandidate("0", 0, "candidate:2 1 udp 1 192.0.2.2 9 typ host"));
        transport.listeners.get("s1").ended("s1", "the viewer stopped");
        assertEquals("s1", later.get(0).getPeerWebrtc().getIceCandidate().getSessionId());
        assertEquals("candidate:2 1 udp 1 192.0.2.2 9 typ host", later.get(0).getPeerWebrtc().getIceCandidate().getCandidate());
        assertEquals("the viewer stopped", later.get(1).getPeerWebrtc().getSessionEnd().getReason());
        assertFalse(later.get(0).getRequestId().isEmpty());
    }

    @Test
    void theAudioTrackOfARequestReachesTheTransportAndAMissingOneIsRefusedWithTheTracks() {
        send("r1", request("c-a", "s1"));
        assertEquals(TrackChoice.DEFAULT, transport.requests.get(0).audioTrack(), "no audio_track: the default");
        send("r2", EdgeWebRTCMessage.newBuilder().setStreamSessionRequest(StreamSessionRequest.newBuilder()
                .setCatalogId("c-a").setSessionId("s2").setAudioTrack("fra")).build());
        assertEquals(TrackChoice.language("fra"), transport.requests.get(1).audioTrack());
        send("r3", EdgeWebRTCMessage.newBuilder().setStreamSessionRequest(StreamSessionRequest.newBuilder()
                .setCatalogId("c-a").setSessionId("s3").setAudioTrack("2")).build());
        assertEquals(TrackChoice.index(2), transport.requests.get(2).audioTrack());

        transport.refuse = new SignalingException(Reason.INVALID,
                "no audio track 'deu'; the tracks: 1 eng (default), 2 fra");
        StreamSessionResponse refused = send("r4", EdgeWebRTCMessage.newBuilder().setStreamSessionRequest(
                StreamSessionRequest.newBuilder().setCatalogId("c-a").setSessionId("s4").setAudioTrack("deu")).build())
                .get(0).getPeerWebrtc().getStreamSessionResponse();
        assertFalse(refused.getSuccess());
        assertEquals(CatalogErrorReason.PEER_ERROR, refused.getError());
        assertEquals("no audio track 'deu'; the tracks: 1 eng (default), 2 fra", refused.getErrorMessage());
    }

    @Test
    void anIceRestartOfferGoesToTheEdgeAsAnotherOfferOfTheSameSession() {
        send("r1", request("c-a", "s1"));
        SignalingListener listener = transport.listeners.get("s1");
        assertTrue(listener.canRenegotiate());
        listener.offer("s1", "v=0 restart");
        PeerMessage offer = later.get(later.size() - 1);
        assertEquals("s1", offer.getPeerWebrtc().getSdpOffer().getSessionId());
        assertEquals("v=0 restart", offer.getPeerWebrtc().getSdpOffer().getSdp());
        assertTrue(offer.getRequestId().startsWith("offer-"), offer.getRequestId());
        // The viewer's answer to it comes back like the first one.
        assertTrue(send("r2", EdgeWebRTCMessage.newBuilder().setSdpAnswer(SDPAnswer.newBuilder()
                .setSessionId("s1").setSdp("v=0 answer again")).build()).isEmpty());
        assertEquals("v=0 answer again", transport.answers.get("s1"));
    }

    @Test
    void catalogIdsAreCheckedAndTheLimitIsAnsweredWithAReason() throws Exception {
        Files.deleteIfExists(root.resolve("gone.mkv"));
        assertEquals(CatalogErrorReason.BAD_CATALOG_ID, response(send("r1", request("nope", "s1"))).getError());
        assertEquals(CatalogErrorReason.FILE_GONE, response(send("r2", request("c-gone", "s2"))).getError());
        transport.refuse = new SignalingException(Reason.LIMIT_REACHED, "this peer already streams 3 session(s)");
        StreamSessionResponse busy = response(send("r3", request("c-a", "s3")));
        assertFalse(busy.getSuccess());
        assertEquals(CatalogErrorReason.NOT_AVAILABLE, busy.getError());
        assertTrue(busy.getErrorMessage().contains("already streams"));
        assertTrue(transport.requests.isEmpty() || transport.listeners.isEmpty());
    }

    @Test
    void badSignalingIsAnsweredAndUnknownSessionsAreEnded() {
        send("r1", request("c-a", "s1"));
        PeerMessage unknown = send("r2", EdgeWebRTCMessage.newBuilder().setSdpAnswer(SDPAnswer.newBuilder()
                .setSessionId("nobody").setSdp("v=0")).build()).get(0);
        assertEquals("nobody", unknown.getPeerWebrtc().getSessionEnd().getSessionId());
        transport.refuse = new SignalingException(Reason.INVALID, "not an SDP answer");
        PeerMessage bad = send("r3", EdgeWebRTCMessage.newBuilder().setSdpAnswer(SDPAnswer.newBuilder()
                .setSessionId("s1").setSdp("garbage")).build()).get(0);
        assertTrue(bad.hasRequestError());
        assertTrue(bad.getRequestError().getMessage().contains("not an SDP answer"));
        assertEquals("r3", bad.getRequestId());
    }

    @Test
    void theEdgeEndingASessionAndTheLinkGoingStopSessions() {
        send("r1", request("c-a", "s1"));
        send("r2", request("c-a", "s2"));
        send("r3", EdgeWebRTCMessage.newBuilder().setSessionEnd(StreamSessionEnd.newBuilder().setSessionId("s1")
                .setReason("viewer left")).build());
        assertEquals(List.of("s1"), transport.stopped);
        relay.linkClosed(new Object());
        assertEquals(List.of("s1"), transport.stopped);
        relay.linkClosed(link);
        assertEquals(List.of("s1", "s2"), transport.stopped);
    }

    @Test
    void withoutATransportNothingIsClaimed() {
        EdgeWebRtc none = new EdgeWebRtc(catalog, () -> null);
        EdgeMessage message = EdgeMessage.newBuilder().setRequestId("r1").setEdgeWebrtc(request("c-a", "s1")).build();
        assertTrue(none.handle(message, link, later::add).isEmpty());
    }

    private static StreamSessionResponse response(List<PeerMessage> answers) {
        assertEquals(1, answers.size());
        return answers.get(0).getPeerWebrtc().getStreamSessionResponse();
    }

    /**
     * What the signaling tests stream from: {@code a.mkv} (catalog id {@code c-a}) on disk under {@code root}, and
     * {@code gone.mkv} ({@code c-gone}) cataloged but not on disk.
     */
    static InMemoryCatalog catalogOfAFileAndAGoneOne(Path root) throws IOException {
        InMemoryCatalog catalog = new InMemoryCatalog();
        Files.writeString(root.resolve("a.mkv"), "x");
        long luid = catalog.add(root, "a.mkv", 1).luid();
        catalog.write(b -> b.catalogId(luid, "c-a"));
        long gone = catalog.add(root, "gone.mkv", 1).luid();
        catalog.write(b -> b.catalogId(gone, "c-gone"));
        return catalog;
    }

    /** A transport that records what the relay asks of it. */
    static final class FakeTransport implements WebRtcSignaling {
        final List<SessionRequest> requests = new ArrayList<>();
        final Map<String, SignalingListener> listeners = new ConcurrentHashMap<>();
        final Map<String, String> answers = new ConcurrentHashMap<>();
        final List<IceCandidate> candidates = new ArrayList<>();
        final List<String> stopped = new ArrayList<>();
        SignalingException refuse;

        @Override
        public SessionOffer open(SessionRequest request, SignalingListener listener) throws SignalingException {
            if (refuse != null) {
                throw refuse;
            }
            requests.add(request);
            String id = request.sessionId().orElse("generated");
            listeners.put(id, listener);
            return new SessionOffer(id, "v=0 offer");
        }

        @Override
        public void applyAnswer(String sessionId, String sdp) throws SignalingException {
            if (!listeners.containsKey(sessionId)) {
                throw new SignalingException(Reason.NO_SUCH_SESSION, "no " + sessionId);
            }
            if (refuse != null) {
                throw refuse;
            }
            answers.put(sessionId, sdp);
        }

        @Override
        public void addRemoteCandidate(String sessionId, IceCandidate candidate) {
            candidates.add(candidate);
        }

        @Override
        public String name() {
            return "webrtc";
        }

        @Override
        public List<StreamSession> sessions() {
            return List.of();
        }

        @Override
        public boolean stop(String sessionId) {
            stopped.add(sessionId);
            return listeners.remove(sessionId) != null;
        }
    }
}
