package org.giggityflix.peer.stream.webrtc.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsType;
import org.giggityflix.peer.api.media.FrameOptions;
import org.giggityflix.peer.api.media.NoSuchTrackException;
import org.giggityflix.peer.api.media.SubtitleCue;
import org.giggityflix.peer.api.stream.IceCandidate;
import org.giggityflix.peer.api.stream.IceServer;
import org.giggityflix.peer.api.stream.SessionRequest;
import org.giggityflix.peer.api.stream.SignalingException;
import org.giggityflix.peer.api.stream.SignalingException.Reason;
import org.giggityflix.peer.api.stream.SignalingListener;
import org.giggityflix.peer.api.stream.StreamSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code RtcSession} is responsible for one viewer's WebRTC session as a whole: it builds the peer connection and
 * wires its parts — {@link IceNegotiation} (offer, answer, candidates, ICE restart), {@link SessionTracks} (video and
 * audio tracks fed by the {@link FramePump}), {@link ControlChannel} (the viewer's commands) — and follows the
 * connection's {@link SessionState}: the bitrate cap and the pump's start once connected, a pause and an ICE restart
 * while the viewer is unreachable, the end when it is gone. It never ends itself: it tells its owner
 * ({@code ended}) and the owner closes it off the native threads.
 */
final class RtcSession implements FramePump.Sink {

    private static final Logger LOG = LoggerFactory.getLogger(RtcSession.class);

    private final String id;
    private final long luid;
    private final Path file;
    private final SignalingListener listener;
    private final BiConsumer<String, String> ended;
    private final int bitrateKbps;
    private final FrameOpener frames;
    private final SubtitleReader subtitleReader;
    private final FrameOptions frameOptions;
    private final Instant started = Instant.now();
    private final IceNegotiation negotiation;
    private final SessionTracks tracks;
    private final ControlChannel control;
    private final LinkAdapter adapter;

    private volatile boolean closed;
    private volatile SessionState state = SessionState.OFFERED;
    private RTCPeerConnection pc;
    private FramePump pump;
    /** When the connection went DISCONNECTED (System.nanoTime), 0 while it is not. */
    private volatile long unreachableSince;
    /** The connection was CONNECTED once (later CONNECTED events are returns from an outage). */
    private volatile boolean everConnected;
    /** An ICE restart was offered during the present outage. */
    private volatile boolean restartOffered;
    /** The pump was paused because the viewer became unreachable (not by the viewer): it plays again on return. */
    private volatile boolean pausedForOutage;

    RtcSession(String id, long luid, Path file, SignalingListener listener, BiConsumer<String, String> ended,
               int bitrateKbps, FrameOpener frames, FrameOptions frameOptions) {
        this(id, luid, file, listener, ended, bitrateKbps, frames, SubtitleReader.NONE, frameOptions,
                Degradation.BALANCED);
    }

    RtcSession(String id, long luid, Path file, SignalingListener listener, BiConsumer<String, String> ended,
               int bitrateKbps, FrameOpener frames, SubtitleReader subtitleReader, FrameOptions frameOptions,
               Degradation degradation) {
        this.adapter = new LinkAdapter(id, degradation, bitrateKbps);
        this.frames = frames;
        this.subtitleReader = subtitleReader;
        this.frameOptions = frameOptions;
        this.id = id;
        this.luid = luid;
        this.file = file;
        this.listener = listener;
        this.ended = ended;
        this.bitrateKbps = bitrateKbps;
        this.negotiation = new IceNegotiation(id, listener);
        this.tracks = new SessionTracks(id);
        this.control = new ControlChannel(id, () -> closed, ended);
    }

    String id() {
        return id;
    }

    StreamSession describe() {
        FramePump p = pump;
        SessionState s = state;
        String detail = s.name();
        if (p != null && s == SessionState.CONNECTED) {
            detail = String.format(Locale.ROOT, "%s %dx%d %s %.1f/%.1fs%s", s.name(), p.width(), p.height(),
                    negotiation.negotiatedCodec(), p.positionSeconds(), p.durationSeconds(),
                    p.paused() ? " paused" : "");
        }
        return new StreamSession(id, WebRtcConstants.TRANSPORT, luid, started, detail);
    }

    /** Opens the file, builds the connection and returns the SDP offer (set as local description). */
    String offer(PeerConnectionFactory factory, SessionRequest request, List<IceServer> iceServers,
                 boolean trustSelfSignedTurn)
            throws SignalingException {
        pump = new FramePump(file, frames, subtitleReader, frameOptions, this, id);
        pump.start();
        try {
            IOException openError = pump.awaitOpen(15_000);
            if (openError instanceof NoSuchTrackException) {
                throw new SignalingException(Reason.INVALID, openError.getMessage());
            }
            if (openError != null) {
                throw new SignalingException(Reason.FAILED, openError.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignalingException(Reason.FAILED, "interrupted while opening the file");
        }
        RTCConfiguration config = new RTCConfiguration();
        config.iceServers.addAll(IceServers.toRtc(iceServers, trustSelfSignedTurn));
        pc = factory.createPeerConnection(config, new Observer());
        negotiation.use(pc);
        negotiation.startAt(StartBitrate.forPicture(pump.width(), pump.height(), bitrateKbps));
        tracks.addTo(factory, pc, pump.hasAudio(), request.preferredCodec());
        control.open(pc, pump);
        return negotiation.offer();
    }

    void answer(String sdp) throws SignalingException {
        negotiation.answer(sdp, () -> {
            if (!connected()) {
                state = SessionState.ANSWERED; // an ICE restart answered while the old path works stays CONNECTED
            }
        });
    }

    void candidate(IceCandidate candidate) throws SignalingException {
        negotiation.candidate(candidate);
    }

    /**
     * The video sender's {@code outbound-rtp} statistics (framesEncoded, framesSent, frameWidth,
     * qualityLimitationReason, totalEncodeTime ...), or an empty map when there are none yet; waits at most 2 s.
     */
    Map<String, Object> senderStats() {
        RTCPeerConnection connection = pc;
        if (connection == null || closed || tracks.videoSender() == null) {
            return Map.of(); // not built yet, or gone
        }
        CompletableFuture<Map<String, Object>> result = new CompletableFuture<>();
        connection.getStats(tracks.videoSender(), report -> {
            Map<String, Object> out = Map.of();
            for (RTCStats s : report.getStats().values()) {
                if (s.getType() == RTCStatsType.OUTBOUND_RTP) {
                    out = new HashMap<>(s.getAttributes());
                }
            }
            result.complete(out);
        });
        try {
            return result.get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        } catch (Exception e) {
            return Map.of();
        }
    }

    boolean connected() {
        return state == SessionState.CONNECTED;
    }

    /** The session was CONNECTED once (it may be out of reach now, waiting for the viewer to come back). */
    boolean everConnected() {
        return everConnected;
    }

    /** The peer connection while the session lives (its statistics are read from it), else null. */
    RTCPeerConnection connection() {
        return closed ? null : pc;
    }

    /** Frees everything; safe to call twice, never from a libwebrtc callback thread. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        state = SessionState.CLOSED;
        if (pump != null) {
            pump.stop();
        }
        try {
            control.close();
            if (pc != null) {
                tracks.removeFrom(pc);
                pc.close();
            }
            tracks.dispose();
        } catch (RuntimeException e) {
            LOG.warn("session {}: freeing the connection failed", id, e);
        }
    }

    // --- FramePump.Sink, on the pump thread ---

    @Override
    public void picture(int width, int height, ByteBuffer y, int strideY, ByteBuffer u, int strideU,
                        ByteBuffer v, int strideV, long dueNanos) {
        if (closed || !adapter.admit(dueNanos)) {
            return; // dropped: the link wants a lower frame rate
        }
        tracks.picture(width, height, y, strideY, u, strideU, v, strideV, dueNanos);
    }

    @Override
    public void sound(byte[] chunk) {
        if (!closed) {
            tracks.sound(chunk);
        }
    }

    @Override
    public void progress(FramePump p) {
        if (!Files.exists(file)) {
            ended.accept(id, "the file " + file.getFileName() + " is gone");
            return;
        }
        long since = unreachableSince;
        if (since != 0 && System.nanoTime() - since > WebRtcConstants.VIEWER_GONE_SECONDS * 1_000_000_000L) {
            // Gone for good (closed the lid, lost the network): free the decoder instead of waiting for ICE to fail.
            ended.accept(id, "the viewer was unreachable for " + WebRtcConstants.VIEWER_GONE_SECONDS + " s");
            return;
        }
        if (since != 0 && !restartOffered
                && System.nanoTime() - since > WebRtcConstants.ICE_RESTART_AFTER_MS * 1_000_000L) {
            restartOffered = true;
            if (!closed) {
                negotiation.restart();
            }
        }
        if (connected() && !closed) {
            adapter.tick(pc, tracks.videoSender(), p.width(), p.height(), p.positionSeconds());
        }
        // Where the stream is at this instant: the viewer's page times the subtitles with it.
        control.send(ControlMessage.status(p.positionSecondsNow(), p.durationSeconds(), p.paused(), p.ended(),
                p.width(), p.height(), bitrateKbps, p.audioTrack(), p.subtitleTrack()));
    }

    @Override
    public void failed(String reason) {
        ended.accept(id, reason);
    }

    @Override
    public void refused(String about, String reason) {
        LOG.info("session {}: {} switch refused: {}", id, about, reason);
        control.send(ControlMessage.refused(about, reason));
    }

    @Override
    public void subtitles(int track, String mode) {
        control.sendInOrder(ControlMessage.subtitles(track, mode));
    }

    @Override
    public void cue(int track, SubtitleCue cue) {
        control.sendInOrder(ControlMessage.cue(track, cue));
    }

    private void changed(SessionState s) {
        state = s;
        listener.stateChanged(id, s.name());
    }

    private void onConnected() {
        changed(SessionState.CONNECTED);
        tracks.capBitrate(bitrateKbps);
        pump.begin();
        LOG.info("session {}: connected, sending {} ({}x{}, {}, at most {} kbit/s)", id, file.getFileName(),
                pump.width(), pump.height(), negotiation.negotiatedCodec(), bitrateKbps);
    }

    private void onReturned() {
        unreachableSince = 0;
        changed(SessionState.CONNECTED);
        if (pausedForOutage && pump != null) {
            pump.play(); // on from where the viewer lost it
        }
        pausedForOutage = false;
        restartOffered = false;
        LOG.info("session {}: the viewer is reachable again", id);
    }

    private void onUnreachable() {
        changed(SessionState.DISCONNECTED);
        if (!everConnected) {
            return; // the answer deadline covers a viewer that never got through
        }
        unreachableSince = System.nanoTime();
        FramePump p = pump;
        if (p != null && !p.paused()) {
            pausedForOutage = true; // nothing reaches the viewer: do not play the film on without it
            p.pause();
            // ICE notices seconds late: go back to about where the viewer was last heard from.
            adapter.heardAt().ifPresent(at -> {
                double back = Math.max(0, at - WebRtcConstants.OUTAGE_REWIND_SECONDS);
                if (back < p.positionSeconds()) {
                    p.seek(back);
                }
            });
        }
        LOG.info("session {}: the viewer is unreachable; paused, and the session ends unless it is back within {} s",
                id, WebRtcConstants.VIEWER_GONE_SECONDS);
    }

    /** libwebrtc's events, on its signaling thread: nothing here blocks or frees native objects. */
    private final class Observer implements PeerConnectionObserver {
        @Override
        public void onIceCandidate(RTCIceCandidate candidate) {
            negotiation.localCandidate(candidate);
        }

        @Override
        public void onIceGatheringChange(RTCIceGatheringState s) {
            if (s == RTCIceGatheringState.COMPLETE && !closed) {
                negotiation.gatheringComplete();
            }
        }

        @Override
        public void onConnectionChange(RTCPeerConnectionState s) {
            if (closed) {
                return;
            }
            switch (s) {
                case CONNECTED -> {
                    if (everConnected) {
                        onReturned();
                    } else {
                        everConnected = true;
                        onConnected();
                    }
                }
                case DISCONNECTED -> onUnreachable();
                case FAILED -> ended.accept(id, "the connection to the viewer failed (ICE/DTLS)");
                case CLOSED -> ended.accept(id, "the viewer closed the connection");
                case NEW -> changed(SessionState.NEW);
                case CONNECTING -> changed(SessionState.CONNECTING);
            }
        }
    }
}
