package org.giggityflix.peer.stream.webrtc.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCRtpCodecCapability;
import dev.onvoid.webrtc.RTCRtpEncodingParameters;
import dev.onvoid.webrtc.RTCRtpSendParameters;
import dev.onvoid.webrtc.RTCRtpSender;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.media.MediaType;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoTrack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code SessionTracks} is responsible for what one session sends: the send-only video track (the preferred codec
 * first when libwebrtc has it), the Opus audio track when the file has sound, the pump's I420 pictures copied into
 * libwebrtc's buffers and its PCM pushed, the bitrate cap on the video sender once connected, and taking the
 * tracks off the connection and freeing them at the end.
 */
final class SessionTracks {

    private static final Logger LOG = LoggerFactory.getLogger(SessionTracks.class);

    private final String id;
    private final List<RTCRtpSender> senders = new ArrayList<>();
    private CustomVideoSource videoSource;
    private VideoTrack videoTrack;
    private CustomAudioSource audioSource;
    private AudioTrack audioTrack;
    private RTCRtpSender videoSender;

    SessionTracks(String id) {
        this.id = id;
    }

    /** Adds the video track (and the audio track when {@code audio}) to {@code pc}, send-only, in one stream. */
    void addTo(PeerConnectionFactory factory, RTCPeerConnection pc, boolean audio, Optional<String> preferredCodec) {
        videoSource = new CustomVideoSource();
        videoTrack = factory.createVideoTrack("video-" + id, videoSource);
        RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
        init.direction = RTCRtpTransceiverDirection.SEND_ONLY;
        init.streamIds = List.of(WebRtcConstants.STREAM_ID);
        RTCRtpTransceiver video = pc.addTransceiver(videoTrack, init);
        videoSender = video.getSender();
        senders.add(videoSender);
        preferredCodec.ifPresent(codec -> prefer(factory, video, codec));

        if (audio) {
            audioSource = new CustomAudioSource();
            audioTrack = factory.createAudioTrack("audio-" + id, audioSource);
            RTCRtpTransceiverInit audioInit = new RTCRtpTransceiverInit();
            audioInit.direction = RTCRtpTransceiverDirection.SEND_ONLY;
            audioInit.streamIds = List.of(WebRtcConstants.STREAM_ID);
            senders.add(pc.addTransceiver(audioTrack, audioInit).getSender());
        }
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

    /** The video sender (its statistics and encodings are read and set through it), null before {@link #addTo}. */
    RTCRtpSender videoSender() {
        return videoSender;
    }

    /** Caps the video encoder at {@code kbps}; a sender that refuses is logged, the session goes on. */
    void capBitrate(int kbps) {
        try {
            RTCRtpSendParameters parameters = videoSender.getParameters();
            if (parameters.encodings != null && !parameters.encodings.isEmpty()) {
                RTCRtpEncodingParameters encoding = parameters.encodings.get(0);
                encoding.maxBitrate = kbps * 1000;
                videoSender.setParameters(parameters);
            }
        } catch (RuntimeException e) {
            LOG.warn("session {}: the bitrate cap of {} kbit/s was not applied", id, kbps, e);
        }
    }

    /** Copies one I420 picture into a libwebrtc buffer and hands it to the video track, stamped with its due time. */
    void picture(int width, int height, ByteBuffer y, int strideY, ByteBuffer u, int strideU,
                 ByteBuffer v, int strideV, long dueNanos) {
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

    /** Pushes 10 ms of s16le 48 kHz mono to the audio track; nothing when the file has no sound. */
    void sound(byte[] chunk) {
        if (audioSource != null) {
            audioSource.pushAudio(chunk, 16, WebRtcConstants.AUDIO_RATE, 1, WebRtcConstants.AUDIO_CHUNK_SAMPLES);
        }
    }

    /** Takes the tracks off {@code pc} (before they are disposed, or disposing throws). */
    void removeFrom(RTCPeerConnection pc) {
        for (RTCRtpSender sender : senders) {
            pc.removeTrack(sender);
        }
    }

    /** Frees the tracks and their sources. */
    void dispose() {
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
    }
}
