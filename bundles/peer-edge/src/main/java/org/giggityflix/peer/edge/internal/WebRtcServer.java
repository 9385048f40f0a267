package org.giggityflix.peer.edge.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.stream.IceCandidate;
import org.giggityflix.peer.api.stream.SessionOffer;
import org.giggityflix.peer.api.stream.SessionRequest;
import org.giggityflix.peer.api.stream.SignalingException;
import org.giggityflix.peer.api.stream.SignalingListener;
import org.giggityflix.peer.api.stream.StreamSession;
import org.giggityflix.peer.api.stream.WebRtcSignaling;
import org.giggityflix.peer.proto.CatalogErrorReason;
import org.giggityflix.peer.proto.EdgeMessage;
import org.giggityflix.peer.proto.EdgeWebRTCMessage;
import org.giggityflix.peer.proto.ICECandidate;
import org.giggityflix.peer.proto.PeerEdgeServiceGrpc;
import org.giggityflix.peer.proto.PeerMessage;
import org.giggityflix.peer.proto.PeerWebRTCMessage;
import org.giggityflix.peer.proto.SDPOffer;
import org.giggityflix.peer.proto.StreamSessionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.stub.StreamObserver;

/**
 * {@code WebRtcServer} is responsible for serving the unary {@code WebRTCOperations} to an Edge that can reach
 * this peer (the Edge calls the peer): each call goes through the same {@link EdgeWebRtc} relay as the stream's
 * signaling, and the reply carries what the stream would have sent (see the comments on {@code
 * PeerWebRTCMessage} in base.proto): the response plus the offer for a session request, an empty ack for an
 * answer, a candidate or an end, {@code session_end} for an unknown session, and the peer's own candidates
 * gathered since the previous reply, since a unary call cannot carry them later. Because the peer cannot call
 * the Edge, the reply to the answer waits (at most {@link #CANDIDATE_WAIT_MS}) until the transport says the
 * session's candidates are complete, so it carries all of them and none is left behind after the Edge's last
 * call; the few a slow STUN/TURN server yields later ride on the next call, and an {@code ice_candidate} call
 * with an empty candidate (end of candidates, harmless to the transport) waits for them the same way.
 * An ICE restart (the viewer became unreachable) cannot be pushed either: its offer rides, as
 * {@code session_offer}, on the reply to the Edge's next call for the session (an Edge that wants restarts polls
 * with an empty {@code ice_candidate} call while the viewer watches), and the Edge's {@code sdp_answer} to it is
 * handled like the first. {@code AsyncOperations} is answered UNIMPLEMENTED (the peer dials the Edge for that). Sessions opened here end
 * when the server stops.
 */
final class WebRtcServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebRtcServer.class);

    /** Candidates kept per session for the Edge's next call; beyond this the oldest are the useful ones. */
    static final int MAX_PENDING_CANDIDATES = 64;
    /**
     * How long the reply to an answer (or to an empty-candidate call) waits for the session's candidates to be
     * complete: host candidates take milliseconds, a reachable STUN server a round trip; an unreachable one is
     * not waited for longer than this.
     */
    static final long CANDIDATE_WAIT_MS = 2_000;

    private final EdgeWebRtc relay;
    private final Server server;
    private final long candidateWaitMs;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    private WebRtcServer(WebRtcServerSettings settings, MediaCatalog catalog, Supplier<WebRtcSignaling> transport,
                         long candidateWaitMs) throws IOException {
        this.candidateWaitMs = candidateWaitMs;
        this.relay = new EdgeWebRtc(catalog, () -> {
            WebRtcSignaling rtc = transport.get();
            return rtc == null ? null : new Observed(rtc);
        });
        NettyServerBuilder builder = NettyServerBuilder
                .forAddress(new InetSocketAddress(settings.address(), settings.port()))
                .addService(new Service());
        if (settings.tls()) {
            SslContextBuilder tls = GrpcSslContexts.configure(SslContextBuilder.forServer(
                    settings.certPath().get().toFile(), settings.keyPath().get().toFile()));
            if (settings.clientCaPath().isPresent()) {
                tls.trustManager(settings.clientCaPath().get().toFile()).clientAuth(ClientAuth.REQUIRE);
            }
            builder.sslContext(tls.build());
        }
        this.server = builder.build().start();
    }

    /**
     * Starts the server the settings describe.
     *
     * @throws IOException the port is taken, the address is not this machine's, or a certificate is unreadable
     */
    static WebRtcServer start(WebRtcServerSettings settings, MediaCatalog catalog,
                              Supplier<WebRtcSignaling> transport) throws IOException {
        return start(settings, catalog, transport, CANDIDATE_WAIT_MS);
    }

    /** As {@link #start(WebRtcServerSettings, MediaCatalog, Supplier)}, waiting {@code candidateWaitMs}. */
    static WebRtcServer start(WebRtcServerSettings settings, MediaCatalog catalog,
                              Supplier<WebRtcSignaling> transport, long candidateWaitMs) throws IOException {
        settings.warnings().forEach(w -> LOG.warn("WebRTC server: {}", w));
        if (!settings.tls() && !settings.loopback()) {
            LOG.warn("WebRTC server on {} is plaintext and reachable off this machine: anyone who can reach it can"
                    + " start streams; give it certPath/keyPath (PID {})",
                    settings.address(), EdgeConstants.WEBRTC_SERVER_PID);
        }
        WebRtcServer started = new WebRtcServer(settings, catalog, transport, candidateWaitMs);
        LOG.info("WebRTC server listening on {}:{} ({})", settings.address(), started.port(),
                settings.tls() ? "TLS" : "plaintext");
        return started;
    }

    /** The port actually bound (the configured one, or the free one picked for port 0). */
    int port() {
        return ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
    }

    /** Stops listening and ends the sessions opened through this server. */
    @Override
    public void close() {
        server.shutdown();
        relay.linkClosed(this);
        pending.values().forEach(Pending::end);
        pending.clear();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** One call's reply, or the gRPC status it fails with. */
    PeerWebRTCMessage answer(EdgeWebRTCMessage signal) throws StatusException {
        String id = signal.getRequestId();
        if (signal.getPayloadCase() == EdgeWebRTCMessage.PayloadCase.PAYLOAD_NOT_SET) {
            throw Status.INVALID_ARGUMENT.withDescription("the WebRTC message carries no payload").asException();
        }
        PeerWebRTCMessage.Builder reply = PeerWebRTCMessage.newBuilder().setRequestId(id);
        Optional<List<PeerMessage>> answers = relay.handle(
                EdgeMessage.newBuilder().setRequestId(id).setEdgeWebrtc(signal).build(), this, this::later);
        if (answers.isEmpty()) {
            if (!signal.hasStreamSessionRequest()) {
                throw Status.UNAVAILABLE.withDescription("no WebRTC streaming transport is installed on this peer")
                        .asException();
            }
            return reply.setStreamSessionResponse(StreamSessionResponse.newBuilder()
                    .setCatalogId(signal.getStreamSessionRequest().getCatalogId())
                    .setSessionId(signal.getStreamSessionRequest().getSessionId()).setSuccess(false)
                    .setError(CatalogErrorReason.NOT_AVAILABLE)
                    .setErrorMessage("no WebRTC streaming transport is installed on this peer")).build();
        }
        String session = EdgeWebRtc.sessionOf(signal);
        for (PeerMessage message : answers.get()) {
            if (message.hasRequestError()) {
                throw Status.INVALID_ARGUMENT.withDescription(message.getRequestError().getMessage()).asException();
            }
            PeerWebRTCMessage part = message.getPeerWebrtc();
            switch (part.getPayloadCase()) {
                case STREAM_SESSION_RESPONSE -> {
                    reply.setStreamSessionResponse(part.getStreamSessionResponse());
                    session = part.getStreamSessionResponse().getSessionId();
                }
                case SDP_OFFER -> reply.setSessionOffer(part.getSdpOffer());
                case SESSION_END -> reply.setSessionEnd(part.getSessionEnd());
                default -> LOG.debug("unexpected {} in a unary WebRTC reply", part.getPayloadCase());
            }
        }
        Pending restart = reply.hasSessionOffer() ? null : pending.get(session);
        if (restart != null) {
            restart.takeOffer().ifPresent(reply::setSessionOffer);
        }
        if (reply.hasSessionEnd() || signal.hasSessionEnd()) {
            Pending gone = pending.remove(session);
            if (gone != null) {
                gone.end();
            }
        } else {
            // After the answer (or when the Edge asks with an empty candidate), wait for the rest of the peer's
            // candidates: this may be the Edge's last call for the session.
            boolean waitForAll = signal.hasSdpAnswer()
                    || (signal.hasIceCandidate() && signal.getIceCandidate().getCandidate().isBlank());
            Pending kept = waitForAll ? pending(session) : pending.get(session);
            if (kept != null) {
                reply.addAllIceCandidates(kept.drain(waitForAll ? candidateWaitMs : 0));
            }
        }
        return reply.build();
    }

    private Pending pending(String session) {
        return pending.computeIfAbsent(session, s -> new Pending());
    }

    /** What the relay sends later for a session: candidates wait for the Edge's next call, ends drop them. */
    private void later(PeerMessage message) {
        PeerWebRTCMessage part = message.getPeerWebrtc();
        if (part.hasIceCandidate()) {
            pending(part.getIceCandidate().getSessionId()).add(part.getIceCandidate());
        } else if (part.hasSdpOffer()) {
            LOG.info("WebRTC session {} (unary): ICE restart offered on the Edge's next call",
                    part.getSdpOffer().getSessionId());
            pending(part.getSdpOffer().getSessionId()).offer(part.getSdpOffer());
        } else if (part.hasSessionEnd()) {
            Pending gone = pending.remove(part.getSessionEnd().getSessionId());
            if (gone != null) {
                gone.end();
            }
            LOG.info("WebRTC session {} (unary) ended: {}", part.getSessionEnd().getSessionId(),
                    part.getSessionEnd().getReason());
        }
    }

    /**
     * {@code Pending} is responsible for one session's candidates between the Edge's calls: kept until a reply
     * takes them, and whether the transport said there are no more (so a waiting reply can go); and an ICE
     * restart's offer until a reply takes it.
     */
    private static final class Pending {
        private final List<ICECandidate> candidates = new ArrayList<>();
        private boolean complete;
        private boolean ended;
        private SDPOffer offer;

        /** A restart's offer: the next reply carries it, and its candidates are gathered anew. */
        synchronized void offer(SDPOffer restart) {
            offer = restart;
            complete = false;
            notifyAll();
        }

        synchronized Optional<SDPOffer> takeOffer() {
            Optional<SDPOffer> taken = Optional.ofNullable(offer);
            offer = null;
            return taken;
        }

        synchronized void add(ICECandidate candidate) {
            if (candidates.size() < MAX_PENDING_CANDIDATES) {
                candidates.add(candidate);
            }
            notifyAll();
        }

        synchronized void complete() {
            complete = true;
            notifyAll();
        }

        synchronized void end() {
            ended = true;
            notifyAll();
        }

        /** The candidates kept so far, after waiting up to {@code waitMs} for the last of them. */
        synchronized List<ICECandidate> drain(long waitMs) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
            try {
                long left;
                while (!complete && !ended && (left = deadline - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<ICECandidate> out = List.copyOf(candidates);
            candidates.clear();
            return out;
        }
    }

    /**
     * {@code Observed} is responsible for letting this server hear, besides what the relay forwards, when a
     * session's candidates are complete: it hands the transport a listener that notes that and passes the rest on.
     */
    private final class Observed implements WebRtcSignaling {
        private final WebRtcSignaling rtc;

        Observed(WebRtcSignaling rtc) {
            this.rtc = rtc;
        }

        @Override
        public SessionOffer open(SessionRequest request, SignalingListener relayed) throws SignalingException {
            return rtc.open(request, new SignalingListener() {
                @Override
                public void localCandidate(String sessionId, IceCandidate candidate) {
                    relayed.localCandidate(sessionId, candidate);
                }

                @Override
                public void candidatesComplete(String sessionId) {
                    relayed.candidatesComplete(sessionId);
                    pending(sessionId).complete();
                }

                @Override
                public void stateChanged(String sessionId, String state) {
                    relayed.stateChanged(sessionId, state);
                }

                @Override
                public boolean canRenegotiate() {
                    return relayed.canRenegotiate();
                }

                @Override
                public void offer(String sessionId, String sdp) {
                    relayed.offer(sessionId, sdp);
                }

                @Override
                public void ended(String sessionId, String reason) {
                    relayed.ended(sessionId, reason);
                }
            });
        }

        @Override
        public void applyAnswer(String sessionId, String sdp) throws SignalingException {
            rtc.applyAnswer(sessionId, sdp);
        }

        @Override
        public void addRemoteCandidate(String sessionId, IceCandidate candidate) throws SignalingException {
            rtc.addRemoteCandidate(sessionId, candidate);
        }

        @Override
        public String name() {
            return rtc.name();
        }

        @Override
        public List<StreamSession> sessions() {
            return rtc.sessions();
        }

        @Override
        public boolean stop(String sessionId) {
            return rtc.stop(sessionId);
        }
    }

    /** The generated service with only {@code WebRTCOperations}; {@code AsyncOperations} stays UNIMPLEMENTED. */
    private final class Service extends PeerEdgeServiceGrpc.PeerEdgeServiceImplBase {
        @Override
        public void webRTCOperations(EdgeWebRTCMessage request, StreamObserver<PeerWebRTCMessage> reply) {
            try {
                reply.onNext(answer(request));
                reply.onCompleted();
            } catch (StatusException e) {
                reply.onError(e);
            } catch (RuntimeException e) {
                LOG.warn("unary WebRTC call {} failed", request.getPayloadCase(), e);
                reply.onError(Status.INTERNAL.withDescription(String.valueOf(e.getMessage())).asException());
            }
        }
    }
}
