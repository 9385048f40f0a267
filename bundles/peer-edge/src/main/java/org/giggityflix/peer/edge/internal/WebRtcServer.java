package org.giggityflix.peer.edge.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.stream.WebRtcSignaling;
import org.giggityflix.peer.proto.CatalogErrorReason;
import org.giggityflix.peer.proto.EdgeMessage;
import org.giggityflix.peer.proto.EdgeWebRTCMessage;
import org.giggityflix.peer.proto.ICECandidate;
import org.giggityflix.peer.proto.PeerEdgeServiceGrpc;
import org.giggityflix.peer.proto.PeerMessage;
import org.giggityflix.peer.proto.PeerWebRTCMessage;
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
 * gathered since the previous reply, since a unary call cannot carry them later. {@code AsyncOperations} is
 * answered UNIMPLEMENTED (the peer dials the Edge for that). Sessions opened here end when the server stops.
 */
final class WebRtcServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebRtcServer.class);

    /** Candidates kept per session for the Edge's next call; beyond this the oldest are the useful ones. */
    static final int MAX_PENDING_CANDIDATES = 64;

    private final EdgeWebRtc relay;
    private final Server server;
    private final Map<String, Queue<ICECandidate>> pending = new ConcurrentHashMap<>();

    private WebRtcServer(WebRtcServerSettings settings, MediaCatalog catalog, Supplier<WebRtcSignaling> transport)
            throws IOException {
        this.relay = new EdgeWebRtc(catalog, transport);
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
        settings.warnings().forEach(w -> LOG.warn("WebRTC server: {}", w));
        if (!settings.tls() && !settings.loopback()) {
            LOG.warn("WebRTC server on {} is plaintext and reachable off this machine: anyone who can reach it can"
                    + " start streams; give it webrtcServerCertPath/webrtcServerKeyPath", settings.address());
        }
        WebRtcServer started = new WebRtcServer(settings, catalog, transport);
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
        String session = sessionOf(signal);
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
        if (reply.hasSessionEnd() || signal.hasSessionEnd()) {
            pending.remove(session);
        } else {
            reply.addAllIceCandidates(drain(session));
        }
        return reply.build();
    }

    /** What the relay sends later for a session: candidates wait for the Edge's next call, ends drop them. */
    private void later(PeerMessage message) {
        PeerWebRTCMessage part = message.getPeerWebrtc();
        if (part.hasIceCandidate()) {
            Queue<ICECandidate> queue = pending.computeIfAbsent(part.getIceCandidate().getSessionId(),
                    s -> new ConcurrentLinkedQueue<>());
            if (queue.size() < MAX_PENDING_CANDIDATES) {
                queue.add(part.getIceCandidate());
            }
        } else if (part.hasSessionEnd()) {
            pending.remove(part.getSessionEnd().getSessionId());
            LOG.info("WebRTC session {} (unary) ended: {}", part.getSessionEnd().getSessionId(),
                    part.getSessionEnd().getReason());
        }
    }

    private List<ICECandidate> drain(String session) {
        Queue<ICECandidate> queue = pending.get(session);
        List<ICECandidate> out = new ArrayList<>();
        if (queue != null) {
            for (ICECandidate c = queue.poll(); c != null; c = queue.poll()) {
                out.add(c);
            }
        }
        return out;
    }

    private static String sessionOf(EdgeWebRTCMessage signal) {
        return switch (signal.getPayloadCase()) {
            case STREAM_SESSION_REQUEST -> signal.getStreamSessionRequest().getSessionId();
            case SDP_ANSWER -> signal.getSdpAnswer().getSessionId();
            case ICE_CANDIDATE -> signal.getIceCandidate().getSessionId();
            case SESSION_END -> signal.getSessionEnd().getSessionId();
            default -> "";
        };
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
