package org.giggityflix.peer.stream.webrtc.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import org.giggityflix.peer.api.stream.IceCandidate;
import org.giggityflix.peer.api.stream.SignalingException;
import org.giggityflix.peer.api.stream.SignalingException.Reason;
import org.giggityflix.peer.api.stream.SignalingListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code IceNegotiation} is responsible for one session's offer/answer and ICE candidate exchange: the offer (the
 * first one and an ICE restart's) made the local description, the viewer's answer applied once, the viewer's
 * candidates checked and added (early ones kept until the answer), the peer's candidates and the end of gathering
 * held back until the answer so they never overtake the offer, and malformed SDP or candidates refused
 * ({@code INVALID}).
 */
final class IceNegotiation {

    private static final Logger LOG = LoggerFactory.getLogger(IceNegotiation.class);
    private static final Pattern CANDIDATE = Pattern.compile(
            "^(a=)?candidate:\\S+ \\d+ (?i:udp|tcp) \\d+ \\S+ \\d+ typ [a-z]+( .*)?$");
    private static final Pattern VIDEO_LINE = Pattern.compile("(?m)^m=video \\d+ \\S+ (\\d+)");

    private final String id;
    private final SignalingListener listener;
    private final Object lock = new Object();
    /** Held while local candidates (and their end) go to the listener, so they keep their order. */
    private final Object delivery = new Object();
    private final List<IceCandidate> earlyRemote = new ArrayList<>();
    private final List<IceCandidate> earlyLocal = new ArrayList<>();
    private boolean answered;
    private boolean remoteSet;
    private boolean gatheringComplete;
    private volatile RTCPeerConnection pc;
    private volatile String negotiatedCodec = "";
    /** The video's start bitrate written into the first answer, kbit/s (0: libwebrtc's own). */
    private volatile int startKbps;

    IceNegotiation(String id, SignalingListener listener) {
        this.id = id;
        this.listener = listener;
    }

    /** The connection to negotiate for; set once, before {@link #offer}. */
    void use(RTCPeerConnection connection) {
        this.pc = connection;
    }

    /** The first answer gets {@code kbps} as its video's start bitrate ({@link StartBitrate}); 0 leaves it be. */
    void startAt(int kbps) {
        this.startKbps = kbps;
    }

    /** The video codec the viewer's answer chose (e.g. {@code VP8}), empty before the answer. */
    String negotiatedCodec() {
        return negotiatedCodec;
    }

    /** Creates the first offer and makes it the local description; returns its SDP. */
    String offer() throws SignalingException {
        return createLocalOffer(new RTCOfferOptions(), "the offer").sdp;
    }

    /**
     * Applies the viewer's answer; then {@code applied} runs, and the local candidates gathered meanwhile (and the
     * end of gathering) go to the listener, then the viewer's early candidates are added.
     */
    void answer(String sdp, Runnable applied) throws SignalingException {
        if (sdp == null || !sdp.startsWith("v=0")) {
            throw new SignalingException(Reason.INVALID, "not an SDP answer (it must start with v=0)");
        }
        synchronized (lock) {
            if (answered) {
                throw new SignalingException(Reason.INVALID, "session " + id + " already has an answer");
            }
            answered = true;
        }
        // Only the first answer starts the stream; a restart's would not change libwebrtc's estimate anyway.
        int start = startKbps;
        RTCSessionDescription description = new RTCSessionDescription(RTCSdpType.ANSWER,
                StartBitrate.into(sdp, start));
        try {
            this.<Void>await("applying the answer", f -> pc.setRemoteDescription(description, observer(f)));
        } catch (SignalingException e) {
            synchronized (lock) {
                answered = false;
            }
            throw new SignalingException(Reason.INVALID, "the answer was refused: " + e.getMessage(), e);
        }
        negotiatedCodec = codecOf(sdp);
        if (start > 0) {
            startKbps = 0;
            LOG.debug("session {}: the video starts at {} kbit/s", id, start);
        }
        List<IceCandidate> remote;
        synchronized (delivery) {
            List<IceCandidate> local;
            boolean complete;
            synchronized (lock) {
                remoteSet = true;
                remote = List.copyOf(earlyRemote);
                local = List.copyOf(earlyLocal);
                complete = gatheringComplete;
                earlyRemote.clear();
                earlyLocal.clear();
            }
            applied.run();
            // The offer has surely reached the viewer now: the candidates gathered meanwhile can follow it.
            local.forEach(c -> listener.localCandidate(id, c));
            if (complete) {
                listener.candidatesComplete(id);
            }
        }
        remote.forEach(this::addToConnection);
    }

    /** One of the viewer's candidates: checked, then added, or kept until the answer is applied. */
    void candidate(IceCandidate candidate) throws SignalingException {
        String line = candidate.candidate() == null ? "" : candidate.candidate().trim();
        if (line.isEmpty()) {
            return; // end of candidates
        }
        if (!CANDIDATE.matcher(line).matches() || candidate.sdpMLineIndex() < 0) {
            throw new SignalingException(Reason.INVALID, "not an ICE candidate: " + abbreviate(line));
        }
        IceCandidate clean = new IceCandidate(candidate.sdpMid(), candidate.sdpMLineIndex(), line);
        synchronized (lock) {
            if (!remoteSet) {
                earlyRemote.add(clean);
                return;
            }
        }
        if (!addToConnection(clean)) {
            throw new SignalingException(Reason.INVALID, "the candidate was refused: " + abbreviate(line));
        }
    }

    private boolean addToConnection(IceCandidate c) {
        try {
            pc.addIceCandidate(new RTCIceCandidate(c.sdpMid(), c.sdpMLineIndex(), c.candidate()));
            return true;
        } catch (Error | RuntimeException e) {
            LOG.debug("session {}: candidate refused: {}", id, e.getMessage());
            return false;
        }
    }

    /** libwebrtc gathered a local candidate (on its signaling thread): to the viewer, or kept until the answer. */
    void localCandidate(RTCIceCandidate candidate) {
        IceCandidate c = new IceCandidate(candidate.sdpMid, candidate.sdpMLineIndex, candidate.sdp);
        synchronized (delivery) {
            synchronized (lock) {
                if (!remoteSet) {
                    earlyLocal.add(c);
                    return;
                }
            }
            listener.localCandidate(id, c);
        }
    }

    /** libwebrtc finished gathering: the listener hears it once, after the candidates, once the answer is in. */
    void gatheringComplete() {
        synchronized (delivery) {
            synchronized (lock) {
                if (gatheringComplete) {
                    return;
                }
                gatheringComplete = true;
                if (!remoteSet) {
                    return; // told once the answer has released the early candidates
                }
            }
            listener.candidatesComplete(id);
        }
    }

    /**
     * Offers the viewer new ICE credentials through the signaling channel (its network may have changed: a new
     * address, Wi-Fi to mobile): local candidates are held back again until the answer, which {@link #answer}
     * takes like the first. Nothing happens when the channel cannot carry a new offer.
     */
    void restart() {
        if (!listener.canRenegotiate()) {
            return;
        }
        synchronized (delivery) {
            synchronized (lock) {
                remoteSet = false;
                answered = false;
                gatheringComplete = false;
            }
        }
        try {
            RTCOfferOptions options = new RTCOfferOptions();
            options.iceRestart = true;
            RTCSessionDescription offer = createLocalOffer(options, "the ICE restart offer");
            LOG.info("session {}: the viewer is unreachable; offering an ICE restart", id);
            listener.offer(id, offer.sdp);
        } catch (SignalingException | RuntimeException e) {
            LOG.warn("session {}: the ICE restart could not be offered: {}", id, e.getMessage());
        }
    }

    private static String codecOf(String sdp) {
        // The first payload type of the answer's video m-line is what the viewer will decode.
        var m = VIDEO_LINE.matcher(sdp);
        if (!m.find()) {
            return "";
        }
        var rtpmap = Pattern.compile("(?m)^a=rtpmap:" + m.group(1) + " ([A-Za-z0-9]+)/").matcher(sdp);
        return rtpmap.find() ? rtpmap.group(1) : "";
    }

    private interface Call<T> {
        void start(CompletableFuture<T> result);
    }

    /** Creates an offer with {@code options} and makes it the local description; {@code what} names it in errors. */
    private RTCSessionDescription createLocalOffer(RTCOfferOptions options, String what) throws SignalingException {
        RTCSessionDescription offer = await("creating " + what, f -> pc.createOffer(options,
                new CreateSessionDescriptionObserver() {
                    @Override
                    public void onSuccess(RTCSessionDescription description) {
                        f.complete(description);
                    }

                    @Override
                    public void onFailure(String error) {
                        f.completeExceptionally(new IllegalStateException(error));
                    }
                }));
        this.<Void>await("setting " + what, f -> pc.setLocalDescription(offer, observer(f)));
        return offer;
    }

    private <T> T await(String what, Call<T> call) throws SignalingException {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            try {
                call.start(result);
            } catch (Error e) {
                // webrtc-java reports a description libwebrtc cannot parse as java.lang.Error, synchronously.
                throw new SignalingException(Reason.FAILED, what + " failed: " + e.getMessage(), e);
            }
            return result.get(10, TimeUnit.SECONDS);
        } catch (SignalingException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignalingException(Reason.FAILED, what + " was interrupted");
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new SignalingException(Reason.FAILED, what + " failed: " + cause.getMessage(), cause);
        }
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

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
