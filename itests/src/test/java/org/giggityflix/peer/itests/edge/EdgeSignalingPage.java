package org.giggityflix.peer.itests.edge;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketException;
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
import org.giggityflix.peer.testsupport.ImpairmentRelay;
import org.giggityflix.peer.testsupport.Json;
import org.giggityflix.peer.testsupport.Query;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

/**
 * {@code EdgeSignalingPage} is responsible for the test Edge's viewer side: a page a browser opens on the Edge, and
 * the HTTP calls through which the Edge relays that browser's WebRTC signaling to the peer on the AsyncOperations
 * stream and the peer's back ({@code POST /open?peer=P&catalog=ID} → {@code {"sessionId","sdp"}} or
 * {@code {"error"}}, {@code POST /answer}, {@code POST /candidate}, {@code GET /events?session=S&from=N} → the
 * peer's candidates, its further offers (an ICE restart: another {@code sdp_offer} of the same session, which the
 * page answers like the first) and session end, {@code POST /end}), as a real Edge's web front end would. With
 * {@code unary=PORT} the Edge calls the peer's unary {@code WebRTCOperations} server on 127.0.0.1:PORT instead
 * (an Edge that can reach the peer): the peer's candidates are those its replies carried, and each {@code /events}
 * of an open session first polls the peer with an empty {@code ice_candidate} call, as base.proto tells an Edge
 * that wants ICE restarts to do, so a restart's {@code session_offer} riding on that reply reaches the viewer.
 *
 * <p>With {@code relayed=1} a session's media goes through a path {@link #move()} can break: the viewer gets, for
 * each of the peer's IPv4 UDP host candidates, the address of an {@link ImpairmentRelay} in front of it, and the
 * peer gets none of the viewer's candidates (it meets the viewer through the relay). {@link #move()} is the viewer's
 * network changing: every relay so far stops passing anything, and candidates the peer sends from then on (an ICE
 * restart's) lead through new ones.
 */
final class EdgeSignalingPage implements AutoCloseable {

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);

    private final TestEdge edge;
    private final HttpServer server;
    private final AtomicInteger sessions = new AtomicInteger();
    /** Unary mode: the peer's candidates and end per session, as the replies carried them. */
    private final Map<String, List<PeerWebRTCMessage>> unaryEvents = new ConcurrentHashMap<>();
    /** Sessions whose media goes through relays, and each peer candidate line as the viewer got it. */
    private final Map<String, Boolean> relayed = new ConcurrentHashMap<>();
    private final Map<String, String> viaRelay = new ConcurrentHashMap<>();
    private final List<ImpairmentRelay> relays = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<ImpairmentRelay> dead = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Unary mode: one channel per peer server port, kept while the page lives (the viewer polls often). */
    private final Map<Integer, ManagedChannel> channels = new ConcurrentHashMap<>();

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

    /** The port the page listens on (the one asked for, or the kernel's choice for 0). */
    int port() {
        return server.getAddress().getPort();
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
                case "/open" -> reply(x, 200, "application/json", open(q.get("peer"), q.get("catalog"),
                        "1".equals(q.get("relayed"))));
                case "/answer" -> {
                    peer(q).webrtc(EdgeWebRTCMessage.newBuilder().setSdpAnswer(SDPAnswer.newBuilder()
                            .setSessionId(q.get("session")).setSdp(body)).build());
                    reply(x, 200, "application/json", "{}");
                }
                case "/candidate" -> {
                    if (relayed.containsKey(q.get("session"))) {
                        reply(x, 200, "application/json", "{}"); // the peer meets the viewer through the relay
                        return;
                    }
                    peer(q).webrtc(EdgeWebRTCMessage.newBuilder().setIceCandidate(ICECandidate.newBuilder()
                            .setSessionId(q.get("session")).setCandidate(body).setSdpMid(q.getOrDefault("mid", ""))
                            .setSdpMLineIndex(Integer.parseInt(q.getOrDefault("index", "0")))).build());
                    reply(x, 200, "application/json", "{}");
                }
                case "/events" -> reply(x, 200, "application/json", events(peer(q), q.get("session"),
                        Integer.parseInt(q.getOrDefault("from", "0")), relayed.containsKey(q.get("session"))));
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

    private String open(String peerId, String catalogId, boolean throughRelays) throws Exception {
        PeerConnection peer = edge.awaitPeer(peerId, ANSWER_TIMEOUT);
        String session = "edge-session-" + sessions.incrementAndGet();
        String id = peer.webrtc(EdgeWebRTCMessage.newBuilder().setStreamSessionRequest(StreamSessionRequest
                .newBuilder().setCatalogId(catalogId).setSessionId(session)).build());
        PeerWebRTCMessage response = peer.awaitResponse(id, ANSWER_TIMEOUT).getPeerWebrtc();
        if (!response.getStreamSessionResponse().getSuccess()) {
            return "{\"error\":" + Json.string(response.getStreamSessionResponse().getError() + ": "
                    + response.getStreamSessionResponse().getErrorMessage()) + "}";
        }
        if (throughRelays) {
            relayed.put(session, true);
        }
        List<PeerMessage> both = peer.awaitResponses(id, 2, ANSWER_TIMEOUT);
        String sdp = both.get(1).getPeerWebrtc().getSdpOffer().getSdp();
        return "{\"sessionId\":" + Json.string(session) + ",\"sdp\":" + Json.string(sdp) + "}";
    }

    /** One viewer call relayed as one unary {@code WebRTCOperations} call on the peer. */
    private String unary(String path, Map<String, String> q, String body) {
        String session = q.get("session");
        EdgeWebRTCMessage.Builder call = EdgeWebRTCMessage.newBuilder().setRequestId("u-" + sessions.incrementAndGet());
        boolean throughRelays = path.equals("/open") ? "1".equals(q.get("relayed")) : relayed.containsKey(session);
        switch (path) {
            case "/open" -> {
                session = "unary-session-" + sessions.incrementAndGet();
                call.setStreamSessionRequest(StreamSessionRequest.newBuilder().setCatalogId(q.get("catalog"))
                        .setSessionId(session));
            }
            case "/answer" -> call.setSdpAnswer(SDPAnswer.newBuilder().setSessionId(session).setSdp(body));
            case "/candidate" -> {
                if (throughRelays) {
                    return "{}"; // the peer meets the viewer through the relay
                }
                call.setIceCandidate(ICECandidate.newBuilder().setSessionId(session)
                        .setCandidate(body).setSdpMid(q.getOrDefault("mid", ""))
                        .setSdpMLineIndex(Integer.parseInt(q.getOrDefault("index", "0"))));
            }
            case "/end" -> call.setSessionEnd(StreamSessionEnd.newBuilder().setSessionId(session)
                    .setReason("the viewer left"));
            case "/events" -> {
                List<PeerWebRTCMessage> known = unaryEvents.getOrDefault(session, List.of());
                boolean ended;
                synchronized (known) {
                    ended = known.stream().anyMatch(PeerWebRTCMessage::hasSessionEnd);
                }
                if (!ended) {
                    // The peer cannot push a restart's offer: ask for what it holds with an empty candidate.
                    call.setIceCandidate(ICECandidate.newBuilder().setSessionId(session).setCandidate(""));
                    relay(q, call, path, session, throughRelays);
                }
                return events(unaryEvents.getOrDefault(session, List.of()), Integer.parseInt(q.getOrDefault("from", "0")));
            }
            default -> throw new IllegalArgumentException("no " + path);
        }
        PeerWebRTCMessage reply = relay(q, call, path, session, throughRelays);
        if (path.equals("/open")) {
            if (!reply.getStreamSessionResponse().getSuccess()) {
                return "{\"error\":" + Json.string(reply.getStreamSessionResponse().getError() + ": "
                        + reply.getStreamSessionResponse().getErrorMessage()) + "}";
            }
            if (throughRelays) {
                relayed.put(session, true);
            }
            return "{\"sessionId\":" + Json.string(session) + ",\"sdp\":"
                    + Json.string(reply.getSessionOffer().getSdp()) + "}";
        }
        return "{}";
    }

    /**
     * Makes one unary call and keeps what its reply brings for the viewer's {@code /events}: the peer's candidates
     * (through relays when {@code throughRelays}), a restart's offer (the first offer is {@code /open}'s answer),
     * the session's end.
     */
    private PeerWebRTCMessage relay(Map<String, String> q, EdgeWebRTCMessage.Builder call, String path, String session,
                                    boolean throughRelays) {
        ManagedChannel channel = channels.computeIfAbsent(Integer.parseInt(q.get("unary")),
                port -> NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build());
        PeerWebRTCMessage reply = PeerEdgeServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(ANSWER_TIMEOUT.toSeconds(), TimeUnit.SECONDS).webRTCOperations(call.build());
        List<PeerWebRTCMessage> events = unaryEvents.computeIfAbsent(session,
                s -> java.util.Collections.synchronizedList(new ArrayList<>()));
        if (reply.hasSessionOffer() && !path.equals("/open")) {
            events.add(PeerWebRTCMessage.newBuilder().setSdpOffer(reply.getSessionOffer()).build());
        }
        reply.getIceCandidatesList().forEach(c -> events.add(PeerWebRTCMessage.newBuilder().setIceCandidate(
                throughRelays ? c.toBuilder().setCandidate(viaRelay(c.getCandidate())).build() : c).build()));
        if (reply.hasSessionEnd() || path.equals("/end")) {
            events.add(PeerWebRTCMessage.newBuilder().setSessionEnd(reply.hasSessionEnd() ? reply.getSessionEnd()
                    : StreamSessionEnd.newBuilder().setSessionId(session).setReason("the viewer left").build()).build());
        }
        return reply;
    }

    /**
     * The peer's candidates, offers after the first (ICE restarts) and end for {@code session}, from the
     * {@code from}-th on; candidates through relays when {@code throughRelays}.
     */
    private String events(PeerConnection peer, String session, int from, boolean throughRelays) {
        List<PeerWebRTCMessage> all = peer.received().stream().filter(PeerMessage::hasPeerWebrtc)
                .map(PeerMessage::getPeerWebrtc)
                .filter(m -> m.hasIceCandidate() && m.getIceCandidate().getSessionId().equals(session)
                        || m.hasSdpOffer() && m.getSdpOffer().getSessionId().equals(session)
                        || m.hasSessionEnd() && m.getSessionEnd().getSessionId().equals(session))
                .toList();
        List<PeerWebRTCMessage> after = new ArrayList<>();
        boolean first = true;
        for (PeerWebRTCMessage m : all) {
            if (m.hasSdpOffer() && first) {
                first = false; // the page had it from /open
                continue;
            }
            if (m.hasIceCandidate() && throughRelays && from <= after.size()) {
                String line = viaRelay(m.getIceCandidate().getCandidate());
                if (line == null) {
                    line = "";
                }
                m = m.toBuilder().setIceCandidate(m.getIceCandidate().toBuilder().setCandidate(line)).build();
            }
            after.add(m);
        }
        return events(after, from);
    }

    /**
     * The peer's candidate {@code line} as a relayed viewer gets it: an IPv4 UDP host candidate through its own
     * relay (the same one each time the line is asked for), any other none (null).
     */
    private String viaRelay(String line) {
        return viaRelay.computeIfAbsent(line, l -> ImpairmentRelay.udpAddressOf(l)
                .filter(a -> a.getAddress() instanceof Inet4Address)
                .map(target -> {
                    try {
                        ImpairmentRelay relay = new ImpairmentRelay(target.getAddress(), target,
                                ImpairmentRelay.Impairment.NONE, 17);
                        relays.add(relay);
                        return relay.candidateVia(l);
                    } catch (SocketException e) {
                        throw new IllegalStateException(e);
                    }
                }).orElse(""));
    }

    /**
     * The relayed viewers' network changes: every relay so far passes nothing any more (every packet lost, as on a
     * network left behind), so only the candidates of a new offer lead to the peer again. Returns how many relays
     * were cut.
     */
    int move() {
        List<ImpairmentRelay> cut = List.copyOf(relays);
        relays.removeAll(cut);
        dead.addAll(cut);
        cut.forEach(r -> r.impair(new ImpairmentRelay.Impairment(0, 0, 100)));
        return cut.size();
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
            } else if (m.hasSdpOffer()) {
                out.append("{\"type\":\"offer\",\"sdp\":").append(Json.string(m.getSdpOffer().getSdp())).append('}');
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
        channels.values().forEach(ManagedChannel::shutdownNow);
        relays.forEach(ImpairmentRelay::close);
        dead.forEach(ImpairmentRelay::close);
    }

    /**
     * The viewer: start(peer, catalogId, unary, relayed) plays the file (answering the first offer and any ICE
     * restart's); window.state says how far it got (the peer's last reported position, frames decoded, restarts
     * answered); stop() leaves.
     */
    private static final String PAGE = """
            <!doctype html><html><body><video id="v" autoplay muted playsinline></video><script>
            window.state = {sessionId: null, error: null, ended: null, width: 0, peerCandidates: 0, restarts: 0,
                            position: -1, framesDecoded: 0};
            async function start(peer, catalog, unary, relayed) {
              const mode = (unary ? '&unary=' + unary : '') + (relayed ? '&relayed=1' : '');
              window.pc = new RTCPeerConnection();
              const video = document.getElementById('v');
              pc.ontrack = e => { if (e.track.kind === 'video') video.srcObject = e.streams[0]; };
              pc.ondatachannel = e => { e.channel.onmessage = m => { const s = JSON.parse(m.data);
                  if (s.type === 'status') state.position = s.position; }; };
              const r = await fetch('/open?peer=' + encodeURIComponent(peer) + '&catalog=' + encodeURIComponent(catalog) + mode, {method: 'POST'});
              const o = await r.json();
              if (o.error) { state.error = o.error; return; }
              state.sessionId = o.sessionId; state.peer = peer; state.mode = mode;
              const base = '?peer=' + encodeURIComponent(peer) + '&session=' + encodeURIComponent(o.sessionId) + mode;
              pc.onicecandidate = e => { if (e.candidate && e.candidate.candidate) fetch('/candidate' + base
                  + '&mid=' + encodeURIComponent(e.candidate.sdpMid) + '&index=' + e.candidate.sdpMLineIndex,
                  {method: 'POST', body: e.candidate.candidate}); };
              const answer = async sdp => {
                await pc.setRemoteDescription({type: 'offer', sdp: sdp});
                const a = await pc.createAnswer();
                await pc.setLocalDescription(a);
                await fetch('/answer' + base, {method: 'POST', body: a.sdp});
              };
              await answer(o.sdp);
              let from = 0;
              while (!state.ended) {
                const events = await (await fetch('/events' + base + '&from=' + from)).json();
                from += events.length;
                for (const e of events) {
                  if (e.type === 'candidate' && e.candidate) {
                    state.peerCandidates++;
                    await pc.addIceCandidate({candidate: e.candidate, sdpMid: e.sdpMid, sdpMLineIndex: e.sdpMLineIndex});
                  }
                  if (e.type === 'offer') { await answer(e.sdp); state.restarts++; } // an ICE restart
                  if (e.type === 'ended') state.ended = e.reason;
                }
                await new Promise(ok => setTimeout(ok, 200));
              }
            }
            function stop() {
              fetch('/end?peer=' + encodeURIComponent(state.peer) + '&session=' + encodeURIComponent(state.sessionId) + state.mode, {method: 'POST'});
            }
            setInterval(async () => {
              state.width = document.getElementById('v').videoWidth;
              if (!window.pc) return;
              (await pc.getStats()).forEach(s => { if (s.type === 'inbound-rtp' && s.kind === 'video')
                  state.framesDecoded = s.framesDecoded || 0; });
            }, 250);
            </script></body></html>
            """;
}
