package org.giggityflix.peer.stream.webrtc.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCIceServer;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpCodecCapability;
import dev.onvoid.webrtc.RTCRtpEncodingParameters;
import dev.onvoid.webrtc.RTCRtpSendParameters;
import dev.onvoid.webrtc.RTCRtpSender;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsType;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.MediaType;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoTrack;
import org.giggityflix.peer.api.stream.IceCandidate;
import org.giggityflix.peer.api.stream.IceServer;
import org.giggityflix.peer.api.stream.SessionRequest;
import org.giggityflix.peer.api.stream.SignalingException;
import org.giggityflix.peer.api.stream.SignalingException.Reason;
import org.giggityflix.peer.api.stream.SignalingListener;
import org.giggityflix.peer.api.stream.StreamSession;
import org.giggityflix.peer.api.media.FrameOptions;
import org.giggityflix.peer.api.media.NoSuchTrackException;
import org.giggityflix.peer.api.media.SubtitleCue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code RtcSession} is responsible for one viewer's WebRTC session: the peer connection (send-only video, Opus
 * audio when the file has sound, the {@code control} data channel), the offer, the viewer's answer and candidates
 * (early ones kept until the answer), the bitrate cap once connected, and the {@link FramePump} feeding it.
 * It never ends itself: it tells its owner ({@code ended}) and the owner closes it off the native threads.
 */
final class RtcSession implements FramePump.Sink {

    private static final Logger LOG = LoggerFactory.getLogger(RtcSession.class);
    private static final Pattern CANDIDATE = Pattern.compile(
            "^(a=)?candidate:\\S+ \\d+ (?i:udp|tcp) \\d+ \\S+ \\d+ typ [a-z]+( .*)?$");

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

    private final Object lock = new Object();
    /** Held while local candidates (and their end) go to the listener, so they keep their order. */
    private final Object delivery = new Object();
    private final List<IceCandidate> earlyRemote = new ArrayList<>();
    private final List<IceCandidate> earlyLocal = new ArrayList<>();
    private boolean answered;
    private boolean remoteSet;
    private boolean gatheringComplete;
    private volatile boolean closed;
    private volatile String state = "OFFERED";

    private RTCPeerConnection pc;
    private CustomVideoSource videoSource;
    private VideoTrack videoTrack;
    private CustomAudioSource audioSource;
    private AudioTrack audioTrack;
    private RTCRtpSender videoSender;
    private final List<RTCRtpSender> senders = new ArrayList<>();
    private RTCDataChannel control;
    private FramePump pump;
    private volatile String negotiatedCodec = "";
    /** Subtitle messages made before the control channel opened, sent once it does (in order). */
    private final List<String> unsent = new ArrayList<>();
    private final LinkAdapter adapter;
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
    }

    String id() {
        return id;
    }

    StreamSession describe() {
        FramePump p = pump;
        String detail = state;
        if (p != null && "CONNECTED".equals(state)) {
            detail = String.format(Locale.ROOT, "%s %dx%d %s %.1f/%.1fs%s", state, p.width(), p.height(),
                    negotiatedCodec, p.positionSeconds(), p.durationSeconds(), p.paused() ? " paused" : "");
        }
        return new StreamSession(id, WebRtcConstants.TRANSPORT, luid, started, detail);
    }

    /** Opens the file, builds the connection and returns the SDP offer (set as local description). */
    String offer(PeerConnectionFactory factory, SessionRequest request, List<IceServer> iceServers)
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
        for (IceServer server : iceServers) {
            RTCIceServer s = new RTCIceServer();
            s.urls = new ArrayList<>(server.urls());
            server.username().ifPresent(u -> s.username = u);
            server.credential().ifPresent(c -> s.password = c);
            config.iceServers.add(s);
        }
        pc = factory.createPeerConnection(config, new Observer());

        videoSource = new CustomVideoSource();
        videoTrack = factory.createVideoTrack("video-" + id, videoSource);
        RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
        init.direction = RTCRtpTransceiverDirection.SEND_ONLY;
        init.streamIds = List.of(WebRtcConstants.STREAM_ID);
        RTCRtpTransceiver video = pc.addTransceiver(videoTrack, init);
        videoSender = video.getSender();
        senders.add(videoSender);
        request.preferredCodec().ifPresent(codec -> prefer(factory, video, codec));

        if (pump.hasAudio()) {
            audioSource = new CustomAudioSource();
            audioTrack = factory.createAudioTrack("audio-" + id, audioSource);
            RTCRtpTransceiverInit audioInit = new RTCRtpTransceiverInit();
            audioInit.direction = RTCRtpTransceiverDirection.SEND_ONLY;
            audioInit.streamIds = List.of(WebRtcConstants.STREAM_ID);
            senders.add(pc.addTransceiver(audioTrack, audioInit).getSender());
        }

        control = pc.createDataChannel(WebRtcConstants.CONTROL_CHANNEL, new RTCDataChannelInit());
        control.registerObserver(new ControlObserver());

        return createLocalOffer(new RTCOfferOptions(), "the offer").sdp;
    }

    /** Puts {@code codec}'s entries first in the video transceiver's preferences, when libwebrtc has it. */
    private void prefer(PeerConnectionFactory factory, RTCRtpTransceiver video, String codec) {
        String wanted = codec.replace(".", "").replace("-", "").trim().toUpperCase(Locale.ROOT);
        if (wanted.equals("AVC")) {
            wanted = "H264";
        }
        List<RTCRtpCodecCapability> all = factory.getRtpSenderCapabilities(MediaType.VIDEO).getCodecs();
        List<RTCRtpCodecCapability> first = new ArrayList<>();
        List<RTCRtpCodecCapability> rest = new ArrayList<>();
        for (RTCRtpCodecCapability c : all) {
            (c.getName().equalsIgnoreCase(wanted) ? first : rest).add(c);
        }
        if (first.isEmpty()) {
            LOG.info("session {}: preferred codec {} is not available here; the default order stays", id, codec);
            return;
        }
        first.addAll(rest);
        video.setCodecPreferences(first);
    }

    void answer(String sdp) throws SignalingException {
        if (sdp == null || !sdp.startsWith("v=0")) {
            throw new SignalingException(Reason.INVALID, "not an SDP answer (it must start with v=0)");
        }
        synchronized (lock) {
            if (answered) {
                throw new SignalingException(Reason.INVALID, "session " + id + " already has an answer");
            }
            answered = true;
        }
        RTCSessionDescription description = new RTCSessionDescription(RTCSdpType.ANSWER, sdp);
        try {
            this.<Void>await("applying the answer", f -> pc.setRemoteDescription(description, observer(f)));
        } catch (SignalingException e) {
            synchronized (lock) {
                answered = false;
            }
            throw new SignalingException(Reason.INVALID, "the answer was refused: " + e.getMessage(), e);
        }
        negotiatedCodec = codecOf(sdp);
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
            if (!connected()) {
                state = "ANSWERED"; // an ICE restart answered while the old path still works stays CONNECTED
            }
            // The offer has surely reached the viewer now: the candidates gathered meanwhile can follow it.
            local.forEach(c -> listener.localCandidate(id, c));
            if (complete) {
                listener.candidatesComplete(id);
            }
        }
        remote.forEach(this::addToConnection);
    }

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

    /**
     * The video sender's {@code outbound-rtp} statistics (framesEncoded, framesSent, frameWidth,
     * qualityLimitationReason, totalEncodeTime ...), or an empty map when there are none yet; waits at most 2 s.
     */
    Map<String, Object> senderStats() {
        RTCPeerConnection connection = pc;
        if (connection == null || closed) {
            return Map.of();
        }
        CompletableFuture<Map<String, Object>> result = new CompletableFuture<>();
        connection.getStats(videoSender, report -> {
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
        return "CONNECTED".equals(state);
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
        state = "CLOSED";
        if (pump != null) {
            pump.stop();
        }
        try {
            if (control != null) {
                control.unregisterObserver();
                control.close();
                control.dispose();
            }
            if (pc != null) {
                for (RTCRtpSender sender : senders) {
                    pc.removeTrack(sender);
                }
                pc.close();
            }
            if (videoTrack != null) {
                videoTrack.dispose();
            }
            if (audioTrack != null) {
                audioTrack.dispose();
            }
            if (videoSource != null) {
                videoSource.dispose();
            }
            if (audioSource != null) {
                audioSource.dispose();
            }
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
        NativeI420Buffer buffer = NativeI420Buffer.allocate(width, height);
        copyPlane(y, strideY, buffer.getDataY(), buffer.getStrideY(), width, height);
        copyPlane(u, strideU, buffer.getDataU(), buffer.getStrideU(), (width + 1) / 2, (height + 1) / 2);
        copyPlane(v, strideV, buffer.getDataV(), buffer.getStrideV(), (width + 1) / 2, (height + 1) / 2);
        // The capture time is when the picture is due, not when it got here: pictures sent late after a stall
        // keep their spacing in RTP time, and the viewer's jitter buffer plays them out evenly.
        VideoFrame frame = new VideoFrame(buffer, dueNanos);
        try {
            videoSource.pushFrame(frame);
        } finally {
            frame.release();
        }
    }

    private static void copyPlane(ByteBuffer from, int fromStride, ByteBuffer to, int toStride, int rowBytes,
                                  int rows) {
        ByteBuffer src = from.duplicate();
        ByteBuffer dst = to.duplicate();
        if (fromStride == toStride) {
            int n = Math.min(Math.min(src.remaining(), dst.remaining()), fromStride * rows);
            src.limit(src.position() + n);
            dst.put(src);
            return;
        }
        for (int row = 0; row < rows; row++) {
            src.limit(row * fromStride + rowBytes).position(row * fromStride);
            dst.position(row * toStride);
            dst.put(src);
        }
    }

    @Override
    public void sound(byte[] chunk) {
        if (!closed && audioSource != null) {
            audioSource.pushAudio(chunk, 16, WebRtcConstants.AUDIO_RATE, 1, WebRtcConstants.AUDIO_CHUNK_SAMPLES);
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
            restartIce();
        }
        if (connected() && !closed) {
            adapter.tick(pc, videoSender, p.width(), p.height(), p.positionSeconds());
        }
        send(ControlMessage.status(p.positionSeconds(), p.durationSeconds(), p.paused(), p.ended(), p.width(),
                p.height(), bitrateKbps, p.audioTrack(), p.subtitleTrack()));
    }

    @Override
    public void failed(String reason) {
        ended.accept(id, reason);
    }

    @Override
    public void refused(String about, String reason) {
        LOG.info("session {}: {} switch refused: {}", id, about, reason);
        send(ControlMessage.refused(about, reason));
    }

    @Override
    public void subtitles(int track, String mode) {
        sendInOrder(ControlMessage.subtitles(track, mode));
    }

    @Override
    public void cue(int track, SubtitleCue cue) {
        sendInOrder(ControlMessage.cue(track, cue));
    }

    /** A message the viewer must not miss: kept until the control channel is open. */
    private void sendInOrder(String text) {
        synchronized (unsent) {
            RTCDataChannel channel = control;
            if (channel == null || channel.getState() != RTCDataChannelState.OPEN) {
                if (unsent.size() < 256) {
                    unsent.add(text);
                }
                return;
            }
            unsent.forEach(this::send);
            unsent.clear();
            send(text);
        }
    }

    /** The control channel opened: what waited goes out. */
    private void flushUnsent() {
        synchronized (unsent) {
            unsent.forEach(this::send);
            unsent.clear();
        }
    }

    private void send(String text) {
        RTCDataChannel channel = control;
        if (closed || channel == null || channel.getState() != RTCDataChannelState.OPEN) {
            return;
        }
        try {
            channel.send(new RTCDataChannelBuffer(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), false));
        } catch (Exception e) {
            LOG.debug("session {}: control message not sent", id, e);
        }
    }

    /**
     * Offers the viewer new ICE credentials through the signaling channel (its network may have changed: a new
     * address, Wi-Fi to mobile): local candidates are held back again until the answer, which {@link #answer}
     * takes like the first. Nothing happens when the channel cannot carry a new offer. On the pump thread.
     */
    private void restartIce() {
        if (!listener.canRenegotiate() || closed) {
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

    private void onConnected() {
        state = "CONNECTED";
        listener.stateChanged(id, state);
        try {
            RTCRtpSendParameters parameters = videoSender.getParameters();
            if (parameters.encodings != null && !parameters.encodings.isEmpty()) {
                RTCRtpEncodingParameters encoding = parameters.encodings.get(0);
                encoding.maxBitrate = bitrateKbps * 1000;
                videoSender.setParameters(parameters);
            }
        } catch (RuntimeException e) {
            LOG.warn("session {}: the bitrate cap of {} kbit/s was not applied", id, bitrateKbps, e);
        }
        pump.begin();
        LOG.info("session {}: connected, sending {} ({}x{}, {}, at most {} kbit/s)", id, file.getFileName(),
                pump.width(), pump.height(), negotiatedCodec, bitrateKbps);
    }

    private static String codecOf(String sdp) {
        // The first payload type of the answer's video m-line is what the viewer will decode.
        var m = Pattern.compile("(?m)^m=video \\d+ \\S+ (\\d+)").matcher(sdp);
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

    /** libwebrtc's events, on its signaling thread: nothing here blocks or frees native objects. */
    private final class Observer implements PeerConnectionObserver {
        @Override
        public void onIceCandidate(RTCIceCandidate candidate) {
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

        @Override
        public void onIceGatheringChange(RTCIceGatheringState s) {
            if (s != RTCIceGatheringState.COMPLETE || closed) {
                return;
            }
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

        @Override
        public void onConnectionChange(RTCPeerConnectionState s) {
            if (closed) {
                return;
            }
            switch (s) {
                case CONNECTED -> {
                    if (everConnected) {
                        unreachableSince = 0;
                        state = s.name();
                        listener.stateChanged(id, state);
                        if (pausedForOutage && pump != null) {
                            pump.play(); // on from where the viewer lost it
                        }
                        pausedForOutage = false;
                        restartOffered = false;
                        LOG.info("session {}: the viewer is reachable again", id);
                    } else {
                        everConnected = true;
                        onConnected();
                    }
                }
                case DISCONNECTED -> {
                    state = s.name();
                    listener.stateChanged(id, state);
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
                    LOG.info("session {}: the viewer is unreachable; paused, and the session ends unless it is back "
                            + "within {} s",
                            id, WebRtcConstants.VIEWER_GONE_SECONDS);
                }
                case FAILED -> ended.accept(id, "the connection to the viewer failed (ICE/DTLS)");
                case CLOSED -> ended.accept(id, "the viewer closed the connection");
                default -> {
                    state = s.name();
                    listener.stateChanged(id, state);
                }
            }
        }
    }

    /** The viewer's play/pause/seek/audio/subtitles/stop. */
    private final class ControlObserver implements RTCDataChannelObserver {
        private volatile boolean wasOpen;

        @Override
        public void onBufferedAmountChange(long previousAmount) {
        }

        @Override
        public void onStateChange() {
            RTCDataChannel channel = control;
            if (channel == null || closed) {
                return;
            }
            RTCDataChannelState s = channel.getState();
            if (s == RTCDataChannelState.OPEN) {
                wasOpen = true;
                flushUnsent();
            } else if (s == RTCDataChannelState.CLOSED && wasOpen) {
                ended.accept(id, "the viewer closed the control channel");
            }
        }

        @Override
        public void onMessage(RTCDataChannelBuffer buffer) {
            ByteBuffer data = buffer.data.duplicate();
            byte[] bytes = new byte[Math.min(data.remaining(), 2048)];
            data.get(bytes);
            Optional<ControlMessage> message = ControlMessage.parse(new String(bytes, StandardCharsets.UTF_8));
            if (message.isEmpty()) {
                LOG.debug("session {}: ignored a control message that is not one", id);
                return;
            }
            FramePump p = pump;
            switch (message.get().type()) {
                case PLAY -> p.play();
                case PAUSE -> p.pause();
                case SEEK -> p.seek(message.get().position());
                case AUDIO -> p.selectAudio(message.get().track());
                case SUBTITLES -> p.selectSubtitles(message.get().subtitles());
                case STOP -> ended.accept(id, "the viewer stopped");
            }
        }
    }
}
