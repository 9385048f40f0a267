package org.giggityflix.peer.stream.webrtc.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
import dev.onvoid.webrtc.RTCPeerConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ControlChannel} is responsible for one session's {@code control} data channel: the viewer's
 * play/pause/seek/audio/subtitles/stop (read by {@link ControlMessage}) handed to the {@link FramePump}, the peer's
 * messages sent while the channel is open, the subtitle messages made before it opened kept and sent first (in
 * order), and the session's end when the viewer closes the channel it had open.
 */
final class ControlChannel {

    private static final Logger LOG = LoggerFactory.getLogger(ControlChannel.class);
    /** How many subtitle messages wait for the channel to open, at most. */
    private static final int MAX_UNSENT = 256;

    private final String id;
    private final BooleanSupplier sessionClosed;
    private final BiConsumer<String, String> ended;
    /** Subtitle messages made before the control channel opened, sent once it does (in order). */
    private final List<String> unsent = new ArrayList<>();
    private volatile RTCDataChannel channel;
    private volatile FramePump pump;

    ControlChannel(String id, BooleanSupplier sessionClosed, BiConsumer<String, String> ended) {
        this.id = id;
        this.sessionClosed = sessionClosed;
        this.ended = ended;
    }

    /** Creates the channel on {@code pc} (before the offer, so the offer carries it); its messages drive {@code pump}. */
    void open(RTCPeerConnection pc, FramePump pump) {
        this.pump = pump;
        RTCDataChannel created = pc.createDataChannel(WebRtcConstants.CONTROL_CHANNEL, new RTCDataChannelInit());
        channel = created;
        created.registerObserver(new Observer());
    }

    /** A message the viewer must not miss: kept until the control channel is open. */
    void sendInOrder(String text) {
        synchronized (unsent) {
            RTCDataChannel c = channel;
            if (c == null || c.getState() != RTCDataChannelState.OPEN) {
                if (unsent.size() < MAX_UNSENT) {
                    unsent.add(text);
                }
                return;
            }
            unsent.forEach(this::send);
            unsent.clear();
            send(text);
        }
    }

    /** A message that is only worth sending now (a status, a refusal): dropped while the channel is not open. */
    void send(String text) {
        RTCDataChannel c = channel;
        if (sessionClosed.getAsBoolean() || c == null || c.getState() != RTCDataChannelState.OPEN) {
            return;
        }
        try {
            c.send(new RTCDataChannelBuffer(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), false));
        } catch (Exception e) {
            LOG.debug("session {}: control message not sent", id, e);
        }
    }

    /** The control channel opened: what waited goes out. */
    private void flushUnsent() {
        synchronized (unsent) {
            unsent.forEach(this::send);
            unsent.clear();
        }
    }

    /** Stops listening and frees the channel; never from a libwebrtc callback thread. */
    void close() {
        RTCDataChannel c = channel;
        if (c != null) {
            c.unregisterObserver();
            c.close();
            c.dispose();
        }
    }

    /** The viewer's play/pause/seek/audio/subtitles/stop. */
    private final class Observer implements RTCDataChannelObserver {
        private volatile boolean wasOpen;

        @Override
        public void onBufferedAmountChange(long previousAmount) {
        }

        @Override
        public void onStateChange() {
            RTCDataChannel c = channel;
            if (c == null || sessionClosed.getAsBoolean()) {
                return;
            }
            RTCDataChannelState s = c.getState();
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
