package org.giggityflix.peer.edge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.giggityflix.peer.api.stream.IceCandidate;
import org.giggityflix.peer.api.stream.SignalingException;
import org.giggityflix.peer.api.stream.SignalingException.Reason;
import org.giggityflix.peer.api.stream.SignalingListener;
import org.giggityflix.peer.proto.CatalogErrorReason;
import org.giggityflix.peer.proto.EdgeWebRTCMessage;
import org.giggityflix.peer.proto.ICECandidate;
import org.giggityflix.peer.proto.PeerEdgeServiceGrpc;
import org.giggityflix.peer.proto.PeerMessage;
import org.giggityflix.peer.proto.PeerWebRTCMessage;
import org.giggityflix.peer.proto.SDPAnswer;
import org.giggityflix.peer.proto.StreamSessionEnd;
import org.giggityflix.peer.proto.StreamSessionRequest;
import org.giggityflix.peer.testsupport.FreePorts;
import org.giggityflix.peer.testsupport.InMemoryCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;

/**
 * Proves an Edge that calls the peer's unary {@code WebRTCOperations} over a real gRPC channel (TCP, localhost)
 * gets what the stream path gives: the session response and the SDP offer in one reply, acks for answers and
 * candidates with the peer's own candidates riding on them, {@code session_end} for an unknown session, the
 * catalog and limit refusals, INVALID_ARGUMENT for bad messages and UNIMPLEMENTED for AsyncOperations; that the
 * server's sessions end when it stops; and that the component runs no server unless the owner turns it on.
 */
class WebRtcServerTest {

    /** Free when the class loads; only listened on when the test turns the server on. */
    private static final int COMPONENT_PORT = FreePorts.take();

    @TempDir
    Path root;
    InMemoryCatalog catalog;
    EdgeWebRtcTest.FakeTransport transport;
    volatile EdgeWebRtcTest.FakeTransport installed;
    WebRtcServer server;
    ManagedChannel channel;
    PeerEdgeServiceGrpc.PeerEdgeServiceBlockingStub edge;

    @BeforeEach
    void setUp() throws Exception {
        catalog = EdgeWebRtcTest.catalogOfAFileAndAGoneOne(root);
        transport = new EdgeWebRtcTest.FakeTransport();
        installed = transport;
        server = WebRtcServer.start(WebRtcServerSettings.loopback(0), catalog, () -> installed);
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
        edge = PeerEdgeServiceGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    @AfterEach
    void tearDown() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.close();
    }

    private static EdgeWebRTCMessage request(String id, String catalogId, String session) {
        return EdgeWebRTCMessage.newBuilder().setRequestId(id).setStreamSessionRequest(StreamSessionRequest
                .newBuilder().setCatalogId(catalogId).setSessionId(session).setMaxBitrateKbps(900)).build();
    }

    private static EdgeWebRTCMessage answer(String id, String session, String sdp) {
        return EdgeWebRTCMessage.newBuilder().setRequestId(id)
                .setSdpAnswer(SDPAnswer.newBuilder().setSessionId(session).setSdp(sdp)).build();
    }

    private static EdgeWebRTCMessage candidate(String id, String session) {
        return EdgeWebRTCMessage.newBuilder().setRequestId(id).setIceCandidate(ICECandidate.newBuilder()
                .setSessionId(session).setCandidate("candidate:1 1 udp 1 192.0.2.1 9 typ host").setSdpMid("0"))
                .build();
    }

    @Test
    void aSessionRequestIsAnsweredWithTheResponseAndTheOfferInOneReply() {
        PeerWebRTCMessage reply = edge.webRTCOperations(request("r1", "c-a", "s1"));

        assertEquals("r1", reply.getRequestId());
        assertTrue(reply.getStreamSessionResponse().getSuccess());
        assertEquals("s1", reply.getStreamSessionResponse().getSessionId());
        assertEquals("c-a", reply.getStreamSessionResponse().getCatalogId());
        assertEquals("s1", reply.getSessionOffer().getSessionId());
        assertEquals("v=0 offer", reply.getSessionOffer().getSdp());
        assertEquals(900, transport.requests.get(0).maxBitrateKbps().getAsInt());
    }

    @Test
    void anAnswerAndCandidatesAreAckedAndThePeersCandidatesRideOnTheReplies() {
        edge.webRTCOperations(request("r1", "c-a", "s1"));
        // The transport releases its candidates once the answer is applied; here it speaks before the call.
        transport.listeners.get("s1").localCandidate("s1",
                new IceCandidate("0", 0, "candidate:2 1 udp 1 192.0.2.2 9 typ host"));
        transport.listeners.get("s1").candidatesComplete("s1");

        PeerWebRTCMessage ack = edge.webRTCOperations(answer("r2", "s1", "v=0 answer"));
        assertEquals("r2", ack.getRequestId());
        assertEquals(PeerWebRTCMessage.PayloadCase.PAYLOAD_NOT_SET, ack.getPayloadCase());
        assertEquals("v=0 answer", transport.answers.get("s1"));
        assertEquals(1, ack.getIceCandidatesCount());
        assertEquals("candidate:2 1 udp 1 192.0.2.2 9 typ host", ack.getIceCandidates(0).getCandidate());
        assertEquals("s1", ack.getIceCandidates(0).getSessionId());

        PeerWebRTCMessage second = edge.webRTCOperations(candidate("r3", "s1"));
        assertEquals(PeerWebRTCMessage.PayloadCase.PAYLOAD_NOT_SET, second.getPayloadCase());
        assertEquals(0, second.getIceCandidatesCount(), "each candidate is handed over once");
        assertEquals("192.0.2.1", transport.candidates.get(0).candidate().split(" ")[4]);

        PeerWebRTCMessage end = edge.webRTCOperations(EdgeWebRTCMessage.newBuilder().setRequestId("r4")
                .setSessionEnd(StreamSessionEnd.newBuilder().setSessionId("s1")).build());
        assertEquals(PeerWebRTCMessage.PayloadCase.PAYLOAD_NOT_SET, end.getPayloadCase());
        assertTrue(transport.stopped.contains("s1"));
    }

    @Test
    void theReplyToTheAnswerCarriesCandidatesThePeerGathersAfterIt() throws Exception {
        edge.webRTCOperations(request("r1", "c-a", "s1"));
        SignalingListener peer = transport.listeners.get("s1");
        // The peer's transport keeps gathering after the answer is applied (STUN, a second interface): those
        // candidates come while the Edge's answer call is in flight, and this may be the Edge's last call.
        Thread gatherer = new Thread(() -> {
            try {
                while (!transport.answers.containsKey("s1")) {
                    Thread.sleep(10);
                }
                Thread.sleep(300);
                peer.localCandidate("s1", new IceCandidate("0", 0, "candidate:3 1 udp 1 198.51.100.3 9 typ srflx"));
                peer.candidatesComplete("s1");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        gatherer.start();

        PeerWebRTCMessage ack = edge.webRTCOperations(answer("r2", "s1", "v=0 answer"));
        gatherer.join(10_000);

        assertEquals(1, ack.getIceCandidatesCount(), "the late candidate reached the Edge on the answer's reply");
        assertEquals("candidate:3 1 udp 1 198.51.100.3 9 typ srflx", ack.getIceCandidates(0).getCandidate());
    }

    @Test
    void candidatesLaterThanTheWaitAreFetchedWithAnEmptyCandidateCall() throws Exception {
        WebRtcServer quick = WebRtcServer.start(WebRtcServerSettings.loopback(0), catalog, () -> installed, 100);
        ManagedChannel quickChannel = NettyChannelBuilder.forAddress("127.0.0.1", quick.port()).usePlaintext()
                .build();
        try {
            var stub = PeerEdgeServiceGrpc.newBlockingStub(quickChannel).withDeadlineAfter(20, TimeUnit.SECONDS);
            stub.webRTCOperations(request("r1", "c-a", "s1"));
            // The transport never says "complete" here: the answer's reply gives up waiting, empty.
            assertEquals(0, stub.webRTCOperations(answer("r2", "s1", "v=0 answer")).getIceCandidatesCount());
            transport.listeners.get("s1").localCandidate("s1",
                    new IceCandidate("0", 0, "candidate:4 1 udp 1 203.0.113.4 9 typ relay"));

            PeerWebRTCMessage poll = stub.webRTCOperations(EdgeWebRTCMessage.newBuilder().setRequestId("r3")
                    .setIceCandidate(ICECandidate.newBuilder().setSessionId("s1").setCandidate("")).build());

            assertEquals(PeerWebRTCMessage.PayloadCase.PAYLOAD_NOT_SET, poll.getPayloadCase());
            assertEquals(1, poll.getIceCandidatesCount());
            assertEquals("candidate:4 1 udp 1 203.0.113.4 9 typ relay", poll.getIceCandidates(0).getCandidate());
        } finally {
            quickChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            quick.close();
        }
    }

    @Test
    void anIceRestartsOfferRidesOnTheEdgesNextCallAndItsAnswerIsApplied() {
        edge.webRTCOperations(request("r1", "c-a", "s1"));
        SignalingListener peer = transport.listeners.get("s1");
        peer.candidatesComplete("s1");
        edge.webRTCOperations(answer("r2", "s1", "v=0 answer"));
        assertTrue(peer.canRenegotiate(), "an Edge calling the peer can be handed a restart");

        // The viewer became unreachable: the transport offers an ICE restart; the peer cannot call the Edge, so
        // the offer waits for the Edge's next call (here its poll with an empty candidate).
        peer.offer("s1", "v=0 restart");
        peer.localCandidate("s1", new IceCandidate("0", 0, "candidate:5 1 udp 1 192.0.2.5 9 typ host"));
        peer.candidatesComplete("s1");
        PeerWebRTCMessage poll = edge.webRTCOperations(EdgeWebRTCMessage.newBuilder().setRequestId("r3")
                .setIceCandidate(ICECandidate.newBuilder().setSessionId("s1").setCandidate("")).build());
        assertEquals("s1", poll.getSessionOffer().getSessionId());
        assertEquals("v=0 restart", poll.getSessionOffer().getSdp());
        assertEquals(1, poll.getIceCandidatesCount(), "the restart's candidates come with it");

        PeerWebRTCMessage again = edge.webRTCOperations(candidate("r4", "s1"));
        assertFalse(again.hasSessionOffer(), "the offer is handed over once");
        assertEquals(PeerWebRTCMessage.PayloadCase.PAYLOAD_NOT_SET, again.getPayloadCase());

        edge.webRTCOperations(answer("r5", "s1", "v=0 restart answer"));
        assertEquals("v=0 restart answer", transport.answers.get("s1"), "the Edge's answer to the restart applied");
    }

    @Test
    void aCallForAnUnknownSessionIsAnsweredWithSessionEnd() {
        PeerWebRTCMessage reply = edge.webRTCOperations(answer("r1", "nope", "v=0 answer"));

        assertEquals("r1", reply.getRequestId());
        assertEquals("nope", reply.getSessionEnd().getSessionId());
        assertFalse(reply.getSessionEnd().getReason().isBlank());
    }

    @Test
    void badRequestsAreRefusedWithReasons() {
        assertEquals(CatalogErrorReason.BAD_CATALOG_ID,
                edge.webRTCOperations(request("r1", "c-unknown", "s1")).getStreamSessionResponse().getError());
        assertEquals(CatalogErrorReason.FILE_GONE,
                edge.webRTCOperations(request("r2", "c-gone", "s2")).getStreamSessionResponse().getError());
        assertTrue(transport.requests.isEmpty(), "the catalog is checked before the transport is asked");

        StatusRuntimeException empty = assertThrows(StatusRuntimeException.class,
                () -> edge.webRTCOperations(EdgeWebRTCMessage.newBuilder().setRequestId("r3").build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, empty.getStatus().getCode());

        edge.webRTCOperations(request("r4", "c-a", "s4"));
        transport.refuse = new SignalingException(Reason.INVALID, "malformed SDP");
        StatusRuntimeException malformed = assertThrows(StatusRuntimeException.class,
                () -> edge.webRTCOperations(answer("r5", "s4", "garbage")));
        assertEquals(Status.Code.INVALID_ARGUMENT, malformed.getStatus().getCode());
        assertTrue(malformed.getStatus().getDescription().contains("malformed SDP"));

        transport.refuse = new SignalingException(Reason.LIMIT_REACHED, "3 sessions run already");
        var limited = edge.webRTCOperations(request("r6", "c-a", "s6")).getStreamSessionResponse();
        assertFalse(limited.getSuccess());
        assertEquals(CatalogErrorReason.NOT_AVAILABLE, limited.getError());
        assertTrue(limited.getErrorMessage().contains("3 sessions"));

        installed = null;
        var none = edge.webRTCOperations(request("r7", "c-a", "s7")).getStreamSessionResponse();
        assertEquals(CatalogErrorReason.NOT_AVAILABLE, none.getError());
        StatusRuntimeException unavailable = assertThrows(StatusRuntimeException.class,
                () -> edge.webRTCOperations(answer("r8", "s4", "v=0")));
        assertEquals(Status.Code.UNAVAILABLE, unavailable.getStatus().getCode());
    }

    @Test
    void asyncOperationsIsNotServedHere() throws Exception {
        var failure = new java.util.concurrent.CompletableFuture<Throwable>();
        StreamObserver<PeerMessage> stream = PeerEdgeServiceGrpc.newStub(channel).asyncOperations(
                new StreamObserver<>() {
                    @Override
                    public void onNext(org.giggityflix.peer.proto.EdgeMessage value) {
                    }

                    @Override
                    public void onError(Throwable t) {
                        failure.complete(t);
                    }

                    @Override
                    public void onCompleted() {
                        failure.complete(null);
                    }
                });
        stream.onNext(PeerMessage.newBuilder().setRequestId("x").build());
        Throwable t = failure.get(20, TimeUnit.SECONDS);
        assertEquals(Status.Code.UNIMPLEMENTED, Status.fromThrowable(t).getCode());
    }

    @Test
    void stoppingTheServerEndsTheSessionsOpenedThroughIt() {
        edge.webRTCOperations(request("r1", "c-a", "s1"));

        server.close();

        assertTrue(transport.stopped.contains("s1"));
    }

    @Test
    void theComponentRunsNoServerUntilTheOwnerTurnsItOn() throws Exception {
        WebRtcServerSettings defaults = WebRtcServerSettings.from(config(Map.of()));
        assertFalse(defaults.enabled());
        assertEquals("127.0.0.1", defaults.address());
        assertEquals(WebRtcServerSettings.DEFAULT_PORT, defaults.port());

        Map<String, Object> values = new HashMap<>(Map.of("port", COMPONENT_PORT));
        WebRtcServerComponent component = new WebRtcServerComponent(catalog, config(values));
        try {
            assertFalse(listening(COMPONENT_PORT), "off by default: nothing listens");

            values.put("enabled", true);
            component.modified(config(values));
            assertTrue(listening(COMPONENT_PORT));
            ManagedChannel on = NettyChannelBuilder.forAddress("127.0.0.1", COMPONENT_PORT).usePlaintext().build();
            try {
                // No transport is bound in this component: the Edge is told so, not left waiting.
                var response = PeerEdgeServiceGrpc.newBlockingStub(on).withDeadlineAfter(20, TimeUnit.SECONDS)
                        .webRTCOperations(request("r1", "c-a", "s1")).getStreamSessionResponse();
                assertEquals(CatalogErrorReason.NOT_AVAILABLE, response.getError());
            } finally {
                on.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        } finally {
            component.deactivate();
        }
        assertFalse(listening(COMPONENT_PORT), "deactivation stops the server");
    }

    @Test
    void halfATlsSetupKeepsTheServerOffAndABadPortFallsBack() {
        WebRtcServerSettings half = WebRtcServerSettings.from(config(Map.of("enabled", true,
                "certPath", "/etc/peer/server.pem", "port", 70000)));
        assertFalse(half.enabled());
        assertEquals(WebRtcServerSettings.DEFAULT_PORT, half.port());
        assertEquals(2, half.warnings().size());
        assertFalse(WebRtcServerSettings.from(config(Map.of("address", "0.0.0.0"))).loopback());
    }

    private static boolean listening(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return true;
        } catch (ConnectException e) {
            return false;
        }
    }

    /** The server's configuration as DS would hand it over: given values, metatype defaults for the rest. */
    private static WebRtcServerConfig config(Map<String, Object> values) {
        return (WebRtcServerConfig) Proxy.newProxyInstance(WebRtcServerConfig.class.getClassLoader(),
                new Class<?>[] {WebRtcServerConfig.class},
                (proxy, method, args) -> values.getOrDefault(method.getName(), method.getDefaultValue()));
    }
}
