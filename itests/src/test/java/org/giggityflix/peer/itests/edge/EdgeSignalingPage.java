package org.giggityflix.peer.itests.edge;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.giggityflix.peer.proto.EdgeWebRTCMessage;
import org.giggityflix.peer.proto.ICECandidate;
import org.giggityflix.peer.proto.PeerEdgeServiceGrpc;
import org.giggityflix.peer.proto.PeerMessage;
import org.giggityflix.peer.proto.PeerWebRTCMessage;
import org.giggityflix.peer.proto.SDPAnswer;
import org.giggityflix.peer.proto.StreamSessionEnd;
import org.giggityflix.peer.proto.StreamSessionRequest;
import org.giggityflix.peer.testedge.PeerConnection;
import org.giggityflix.peer.testedge.TestEdge;
import org.giggityflix.peer.testsupport.Json;
import org.giggityflix.peer.testsupport.Query;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

/**
 * {@code EdgeSignalingPage} is responsible for the test Edge's viewer side: a page a browser opens on the Edge, and
 * the HTTP calls through which the Edge relays that browser's WebRTC signaling to the peer on the AsyncOperations
 * stream and the peer's back ({@code POST /open?peer=P&catalog=ID} → {@code {"sessionId","sdp"}} or
 * {@code {"error"}}, {@code POST /answer}, {@code POST /candidate}, {@code GET /events?session=S&from=N} → the
 * peer's candidates and session end, {@code POST /end}), as a real Edge's web front end would. With
 * {@code unary=PORT} the Edge calls the peer's unary {@code WebRTCOperations} server on 127.0.0.1:PORT instead
 * (an Edge that can reach the peer), and the peer's candidates are those its replies carried.
 */
final class EdgeSignalingPage implements AutoCloseable {

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);

    private final TestEdge edge;
    private final HttpServer server;
    private final AtomicInteger sessions = new AtomicInteger();
    /** Unary mode: the peer's candidates and end per session, as the replies carried them. */
    private final Map<String, List<PeerWebRTCMessage>> unaryEvents = new ConcurrentHashMap<>();

    EdgeSignalingPage(TestEdge edge, int port) throws IOException {
        this.edge = edge;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "edge-signaling");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange x) throws IOException {
        try {
            Map<String, String> q = Query.parse(x.getRequestURI().getRawQuery());
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = x.getRequestURI().getPath();
            if (q.containsKey("unary") && !path.equals("/")) {
                reply(x, 200, "application/json", unary(path, q, body));
                return;
            }
            switch (path) {
                case "/" -> reply(x, 200, "text/html", PAGE);
                case "/open" -> reply(x, 200, "application/json", open(q.get("peer"), q.get("catalog")));
                case "/answer" -> {
                    peer(q).webrtc(EdgeWebRTCMessage.newBuilder().setSdpAnswer(SDPAnswer.newBuilder()
                            .setSessionId(q.get("session")).setSdp(body)).build());
                    reply(x, 200, "application/json", "{}");
                }
                case "/candidate" -> {
                    peer(q).webrtc(EdgeWebRTCMessage.newBuilder().setIceCandidate(ICECandidate.newBuilder()
                            .setSessionId(q.get("session")).setCandidate(body).setSdpMid(q.getOrDefault("mid", ""))
                            .setSdpMLineIndex(Integer.parseInt(q.getOrDefault("index", "0")))).build());
                    reply(x, 200, "application/json", "{}");
                }
                case "/events" -> reply(x, 200, "application/json", events(peer(q), q.get("session"),
                        Integer.parseInt(q.getOrDefault("from", "0"))));
                case "/end" -> {
                    peer(q).webrtc(EdgeWebRTCMessage.newBuilder().setSessionEnd(StreamSessionEnd.newBuilder()
                            .setSessionId(q.get("session")).setReason("the viewer left")).build());
                    reply(x, 200, "application/json", "{}");
                }
                default -> reply(x, 404, "text/plain", "no " + path);
            }
        } catch (Exception e) {
            reply(x, 500, "application/json", "{\"error\":" + Json.string(String.valueOf(e)) + "}");
        }
    }

    private PeerConnection peer(Map<String, String> q) throws Exception {
        return edge.awaitPeer(q.get("peer"), ANSWER_TIMEOUT);
    }

    private String open(String peerId, String catalogId) throws Exception {
        PeerConnection peer = edge.awaitPeer(peerId, ANSWER_TIMEOUT);
        String session = "edge-session-" + sessions.incrementAndGet();
        String id = peer.webrtc(EdgeWebRTCMessage.newBuilder().setStreamSessionRequest(StreamSessionRequest
                .newBuilder().setCatalogId(catalogId).setSessionId(session)).build());
        PeerWebRTCMessage response = peer.awaitResponse(id, ANSWER_TIMEOUT).getPeerWebrtc();
        if (!response.getStreamSessionResponse().getSuccess()) {
            return "{\"error\":" + Json.string(response.getStreamSessionResponse().getError() + ": "
                    + response.getStreamSessionResponse().getErrorMessage()) + "}";
        }
        List<PeerMessage> both = peer.awaitResponses(id, 2, ANSWER_TIMEOUT);
        String sdp = both.get(1).getPeerWebrtc().getSdpOffer().getSdp();
        return "{\"sessionId\":" + Json.string(session) + ",\"sdp\":" + Json.string(sdp) + "}";
    }

    /** One viewer call relayed as one unary {@code WebRTCOperations} call on the peer. */
    private String unary(String path, Map<String, String> q, String body) throws InterruptedException {
        String session = q.get("session");
        EdgeWebRTCMessage.Builder call = EdgeWebRTCMessage.newBuilder().setRequestId("u-" + sessions.incrementAndGet());
        switch (path) {
            case "/open" -> {
                session = "unary-session-" + sessions.incrementAndGet();
                call.setStreamSessionRequest(StreamSessionRequest.newBuilder().setCatalogId(q.get("catalog"))
                        .setSessionId(session));
            }
            case "/answer" -> call.setSdpAnswer(SDPAnswer.newBuilder().setSessionId(session).setSdp(body));
            case "/candidate" -> call.setIceCandidate(ICECandidate.newBuilder().setSessionId(session)
                    .setCandidate(body).setSdpMid(q.getOrDefault("mid", ""))
                    .setSdpMLineIndex(Integer.parseInt(q.getOrDefault("index", "0"))));
            case "/end" -> call.setSessionEnd(StreamSessionEnd.newBuilder().setSessionId(session)
                    .setReason("the viewer left"));
            case "/events" -> {
                return events(unaryEvents.getOrDefault(session, List.of()), Integer.parseInt(q.getOrDefault("from", "0")));
            }
            default -> throw new IllegalArgumentException("no " + path);
        }
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", Integer.parseInt(q.get("unary")))
                .usePlaintext().build();
        try {
            PeerWebRTCMessage reply = PeerEdgeServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(ANSWER_TIMEOUT.toSeconds(), TimeUnit.SECONDS).webRTCOperations(call.build());
            List<PeerWebRTCMessage> events = unaryEvents.computeIfAbsent(session,
                    s -> java.util.Collections.synchronizedList(new ArrayList<>()));
            reply.getIceCandidatesList().forEach(c -> events.add(PeerWebRTCMessage.newBuilder().setIceCandidate(c).build()));
            if (reply.hasSessionEnd() || path.equals("/end")) {
                events.add(PeerWebRTCMessage.newBuilder().setSessionEnd(reply.hasSessionEnd() ? reply.getSessionEnd()
                        : StreamSessionEnd.newBuilder().setSessionId(session).setReason("the viewer left").build()).build());
            }
            if (path.equals("/open")) {
                if (!reply.getStreamSessionResponse().getSuccess()) {
                    return "{\"error\":" + Json.string(reply.getStreamSessionResponse().getError() + ": "
                            + reply.getStreamSessionResponse().getErrorMessage()) + "}";
                }
                return "{\"sessionId\":" + Json.string(session) + ",\"sdp\":"
                        + Json.string(reply.getSessionOffer().getSdp()) + "}";
            }
            return "{}";
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** The peer's candidates and end for {@code session}, from the {@code from}-th on. */
    private static String events(PeerConnection peer, String session, int from) {
        return events(peer.received().stream().filter(PeerMessage::hasPeerWebrtc)
                .map(PeerMessage::getPeerWebrtc)
                .filter(m -> m.hasIceCandidate() && m.getIceCandidate().getSessionId().equals(session)
                        || m.hasSessionEnd() && m.getSessionEnd().getSessionId().equals(session))
                .toList(), from);
    }

    private static String events(List<PeerWebRTCMessage> list, int from) {
        List<PeerWebRTCMessage> all;
        synchronized (list) {
            all = List.copyOf(list);
        }
        StringBuilder out = new StringBuilder("[");
        for (int i = from; i < all.size(); i++) {
            PeerWebRTCMessage m = all.get(i);
            out.append(i == from ? "" : ",");
            if (m.hasIceCandidate()) {
                out.append("{\"type\":\"candidate\",\"candidate\":")
                        .append(Json.string(m.getIceCandidate().getCandidate()))
                        .append(",\"sdpMid\":").append(Json.string(m.getIceCandidate().getSdpMid()))
                        .append(",\"sdpMLineIndex\":").append(m.getIceCandidate().getSdpMLineIndex()).append('}');
            } else {
                out.append("{\"type\":\"ended\",\"reason\":").append(Json.string(m.getSessionEnd().getReason()))
                        .append('}');
            }
        }
        return out.append(']').toString();
    }

    private static void reply(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** The viewer: start(peer, catalogId) plays the file; window.state says how far it got; stop() leaves. */
    private static final String PAGE = """
            <!doctype html><html><body><video id="v" autoplay muted playsinline></video><script>
            window.state = {sessionId: null, error: null, ended: null, width: 0, peerCandidates: 0};
            async function start(peer, catalog, unary) {
              const mode = unary ? '&unary=' + unary : '';
              window.pc = new RTCPeerConnection();
              const video = document.getElementById('v');
              pc.ontrack = e => { if (e.track.kind === 'video') video.srcObject = e.streams[0]; };
              const r = await fetch('/open?peer=' + encodeURIComponent(peer) + '&catalog=' + encodeURIComponent(catalog) + mode, {method: 'POST'});
              const o = await r.json();
              if (o.error) { state.error = o.error; return; }
              state.sessionId = o.sessionId; state.peer = peer; state.mode = mode;
              const base = '?peer=' + encodeURIComponent(peer) + '&session=' + encodeURIComponent(o.sessionId) + mode;
              pc.onicecandidate = e => { if (e.candidate && e.candidate.candidate) fetch('/candidate' + base
                  + '&mid=' + encodeURIComponent(e.candidate.sdpMid) + '&index=' + e.candidate.sdpMLineIndex,
                  {method: 'POST', body: e.candidate.candidate}); };
              await pc.setRemoteDescription({type: 'offer', sdp: o.sdp});
              const answer = await pc.createAnswer();
              await pc.setLocalDescription(answer);
              await fetch('/answer' + base, {method: 'POST', body: answer.sdp});
              let from = 0;
              while (!state.ended) {
                const events = await (await fetch('/events' + base + '&from=' + from)).json();
                from += events.length;
                for (const e of events) {
                  if (e.type === 'candidate') state.peerCandidates++;
                  if (e.type === 'candidate') await pc.addIceCandidate({candidate: e.candidate, sdpMid: e.sdpMid, sdpMLineIndex: e.sdpMLineIndex});
                  if (e.type === 'ended') state.ended = e.reason;
                }
                await new Promise(ok => setTimeout(ok, 200));
              }
            }
            function stop() {
              fetch('/end?peer=' + encodeURIComponent(state.peer) + '&session=' + encodeURIComponent(state.sessionId) + state.mode, {method: 'POST'});
            }
            setInterval(() => { state.width = document.getElementById('v').videoWidth; }, 100);
            </script></body></html>
            """;
}
