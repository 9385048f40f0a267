package org.giggityflix.peer.edge.internal;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.media.TrackChoice;
import org.giggityflix.peer.api.stream.IceCandidate;
import org.giggityflix.peer.api.stream.SessionOffer;
import org.giggityflix.peer.api.stream.SessionRequest;
import org.giggityflix.peer.api.stream.SignalingException;
import org.giggityflix.peer.api.stream.SignalingListener;
import org.giggityflix.peer.api.stream.WebRtcSignaling;
import org.giggityflix.peer.proto.CatalogErrorReason;
import org.giggityflix.peer.proto.EdgeMessage;
import org.giggityflix.peer.proto.EdgeWebRTCMessage;
import org.giggityflix.peer.proto.ICECandidate;
import org.giggityflix.peer.proto.PeerMessage;
import org.giggityflix.peer.proto.PeerWebRTCMessage;
import org.giggityflix.peer.proto.RequestError;
import org.giggityflix.peer.proto.SDPOffer;
import org.giggityflix.peer.proto.StreamSessionEnd;
import org.giggityflix.peer.proto.StreamSessionRequest;
import org.giggityflix.peer.proto.StreamSessionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code EdgeWebRtc} is responsible for relaying the Edge's WebRTC signaling to the installed
 * {@link WebRtcSignaling} transport and the transport's back to the Edge, correlated by session id: a
 * {@code stream_session_request} is answered (same request id) with {@code stream_session_response} and then
 * {@code sdp_offer}; answers, candidates and ends go to the transport; the peer's own candidates and session ends
 * are sent on the link that opened the session; sessions opened through a link end when that link goes.
 * Without a transport it answers nothing and {@link EdgeRequests} refuses with {@code NOT_AVAILABLE}.
 */
final class EdgeWebRtc {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeWebRtc.class);

    private final MediaCatalog catalog;
    private final Supplier<WebRtcSignaling> transport;
    private final Map<String, Object> sessionLinks = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    EdgeWebRtc(MediaCatalog catalog, Supplier<WebRtcSignaling> transport) {
        this.catalog = catalog;
        this.transport = transport;
    }

    /**
     * The answers to an {@code edge_webrtc} request, or empty when no WebRTC transport is installed.
     *
     * @param link the link the request came on (sessions end when it goes)
     * @param send sends on that link later (candidates, session end)
     */
    Optional<List<PeerMessage>> handle(EdgeMessage request, Object link, Consumer<PeerMessage> send) {
        WebRtcSignaling rtc = transport.get();
        if (rtc == null) {
            return Optional.empty();
        }
        EdgeWebRTCMessage signal = request.getEdgeWebrtc();
        String id = request.getRequestId();
        try {
            return Optional.of(switch (signal.getPayloadCase()) {
                case STREAM_SESSION_REQUEST -> open(rtc, id, signal.getStreamSessionRequest(), link, send);
                case SDP_ANSWER -> {
                    rtc.applyAnswer(signal.getSdpAnswer().getSessionId(), signal.getSdpAnswer().getSdp());
                    yield List.of();
                }
                case ICE_CANDIDATE -> {
                    ICECandidate c = signal.getIceCandidate();
                    rtc.addRemoteCandidate(c.getSessionId(), new IceCandidate(c.getSdpMid(), c.getSdpMLineIndex(),
                            c.getCandidate()));
                    yield List.of();
                }
                case SESSION_END -> {
                    sessionLinks.remove(signal.getSessionEnd().getSessionId());
                    rtc.stop(signal.getSessionEnd().getSessionId());
                    yield List.of();
                }
                default -> List.of(error(id, "the WebRTC message carries no payload"));
            });
        } catch (SignalingException e) {
            String session = sessionOf(signal);
            if (e.reason() == SignalingException.Reason.NO_SUCH_SESSION) {
                return Optional.of(List.of(webrtc(id, PeerWebRTCMessage.newBuilder().setSessionEnd(
                        StreamSessionEnd.newBuilder().setSessionId(session).setReason("no such session on this peer")))));
            }
            LOG.info("Edge WebRTC {} for session {} refused: {}", signal.getPayloadCase(), session, e.getMessage());
            return Optional.of(List.of(error(id, e.getMessage() + " (session " + session + " goes on)")));
        }
    }

    private List<PeerMessage> open(WebRtcSignaling rtc, String requestId, StreamSessionRequest request, Object link,
                                   Consumer<PeerMessage> send) {
        StreamSessionResponse.Builder response = StreamSessionResponse.newBuilder()
                .setCatalogId(request.getCatalogId()).setSessionId(request.getSessionId()).setSuccess(false);
        Optional<MediaFile> file = request.getCatalogId().isBlank() ? Optional.empty()
                : catalog.findByCatalogId(request.getCatalogId());
        if (file.isEmpty()) {
            return refused(requestId, response, CatalogErrorReason.BAD_CATALOG_ID,
                    "no file has catalog id '" + request.getCatalogId() + "'");
        }
        if (file.get().status() == MediaStatus.DELETED || !Files.exists(file.get().path())) {
            return refused(requestId, response, CatalogErrorReason.FILE_GONE,
                    "the file for catalog id " + request.getCatalogId() + " is gone from disk");
        }
        SessionRequest wanted = new SessionRequest(
                request.getSessionId().isBlank() ? Optional.empty() : Optional.of(request.getSessionId()),
                file.get().luid(),
                request.hasMaxBitrateKbps() ? OptionalInt.of(request.getMaxBitrateKbps()) : OptionalInt.empty(),
                request.hasPreferredCodec() && !request.getPreferredCodec().isBlank()
                        ? Optional.of(request.getPreferredCodec()) : Optional.empty(),
                List.of(), TrackChoice.parse(request.hasAudioTrack() ? request.getAudioTrack() : null));
        SessionOffer offer;
        try {
            offer = rtc.open(wanted, new Relay(send));
        } catch (SignalingException e) {
            CatalogErrorReason reason = switch (e.reason()) {
                case NO_SUCH_MEDIA -> CatalogErrorReason.BAD_CATALOG_ID;
                case FILE_GONE -> CatalogErrorReason.FILE_GONE;
                case LIMIT_REACHED -> CatalogErrorReason.NOT_AVAILABLE;
                default -> CatalogErrorReason.PEER_ERROR;
            };
            return refused(requestId, response, reason, e.getMessage());
        }
        sessionLinks.put(offer.sessionId(), link);
        LOG.info("Edge WebRTC session {} on catalog id {} offered", offer.sessionId(), request.getCatalogId());
        return List.of(
                webrtc(requestId, PeerWebRTCMessage.newBuilder().setStreamSessionResponse(response
                        .setSessionId(offer.sessionId()).setSuccess(true))),
                webrtc(requestId, PeerWebRTCMessage.newBuilder().setSdpOffer(SDPOffer.newBuilder()
                        .setSessionId(offer.sessionId()).setSdp(offer.sdp()))));
    }

    /** The link is gone: the sessions it opened end (the viewer can no longer be reached through it). */
    void linkClosed(Object link) {
        WebRtcSignaling rtc = transport.get();
        sessionLinks.forEach((session, opener) -> {
            if (opener == link) {
                sessionLinks.remove(session, opener);
                if (rtc != null) {
                    rtc.stop(session);
                }
            }
        });
    }

    private static List<PeerMessage> refused(String requestId, StreamSessionResponse.Builder response,
                                             CatalogErrorReason reason, String message) {
        return List.of(webrtc(requestId, PeerWebRTCMessage.newBuilder().setStreamSessionResponse(
                response.setError(reason).setErrorMessage(message))));
    }

    private static PeerMessage webrtc(String requestId, PeerWebRTCMessage.Builder message) {
        return PeerMessage.newBuilder().setRequestId(requestId)
                .setPeerWebrtc(message.setRequestId(requestId)).build();
    }

    private static PeerMessage error(String requestId, String message) {
        return PeerMessage.newBuilder().setRequestId(requestId).setRequestError(RequestError.newBuilder()
                .setReason(RequestError.Reason.UNKNOWN).setMessage(message)
                .setPayloadField(EdgeMessage.EDGE_WEBRTC_FIELD_NUMBER)).build();
    }

    /** The session an Edge WebRTC message is about, or "" for a message without a payload. */
    static String sessionOf(EdgeWebRTCMessage signal) {
        return switch (signal.getPayloadCase()) {
            case STREAM_SESSION_REQUEST -> signal.getStreamSessionRequest().getSessionId();
            case SDP_ANSWER -> signal.getSdpAnswer().getSessionId();
            case ICE_CANDIDATE -> signal.getIceCandidate().getSessionId();
            case SESSION_END -> signal.getSessionEnd().getSessionId();
            default -> "";
        };
    }

    /** The transport's side of one session, sent to the Edge with fresh peer-made request ids. */
    private final class Relay implements SignalingListener {
        private final Consumer<PeerMessage> send;

        Relay(Consumer<PeerMessage> send) {
            this.send = send;
        }

        @Override
        public void localCandidate(String sessionId, IceCandidate candidate) {
            send.accept(webrtc("ice-" + sequence.incrementAndGet(), PeerWebRTCMessage.newBuilder().setIceCandidate(
                    ICECandidate.newBuilder().setSessionId(sessionId).setCandidate(candidate.candidate())
                            .setSdpMid(candidate.sdpMid() == null ? "" : candidate.sdpMid())
                            .setSdpMLineIndex(candidate.sdpMLineIndex()))));
        }

        @Override
        public boolean canRenegotiate() {
            return true;
        }

        /** An ICE restart's offer: another sdp_offer of the same session, relayed by the Edge like the first. */
        @Override
        public void offer(String sessionId, String sdp) {
            send.accept(webrtc("offer-" + sequence.incrementAndGet(), PeerWebRTCMessage.newBuilder().setSdpOffer(
                    SDPOffer.newBuilder().setSessionId(sessionId).setSdp(sdp))));
        }

        @Override
        public void ended(String sessionId, String reason) {
            sessionLinks.remove(sessionId);
            send.accept(webrtc("end-" + sequence.incrementAndGet(), PeerWebRTCMessage.newBuilder().setSessionEnd(
                    StreamSessionEnd.newBuilder().setSessionId(sessionId).setReason(reason))));
        }
    }
}
