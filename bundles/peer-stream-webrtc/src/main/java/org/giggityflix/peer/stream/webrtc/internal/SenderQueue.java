package org.giggityflix.peer.stream.webrtc.internal;

import java.util.Locale;
import java.util.Map;

/**
 * {@code SenderQueue} is responsible for describing, between two readings of a session's statistics, what the video
 * sender put on the wire and how long its packets waited in libwebrtc's pacer ({@code outbound-rtp}'s
 * {@code totalPacketSendDelay} over {@code packetsSent}): the DEBUG line that shows whether seconds of old pictures
 * stand between a change of step and the viewer.
 */
final class SenderQueue {

    private double lastDelay;
    private long lastPackets;
    private long lastBytes;
    private long lastRetransmitted;
    private long lastKeyFrames;
    private long lastNanos;

    /** The sender's figures since the previous call, from one {@code outbound-rtp} video entry's attributes. */
    String next(Map<String, Object> rtp) {
        long now = System.nanoTime();
        double delay = number(rtp, "totalPacketSendDelay");
        long packets = (long) number(rtp, "packetsSent");
        long bytes = (long) number(rtp, "bytesSent");
        long retransmitted = (long) number(rtp, "retransmittedPacketsSent");
        long keyFrames = (long) number(rtp, "keyFramesEncoded");
        double seconds = lastNanos == 0 ? 0 : (now - lastNanos) / 1e9;
        String line = String.format(Locale.ROOT, "sent %sp, target %d kbit/s, %d kbit/s out (%d packets, %d resent),"
                        + " pacer wait %.0f ms, %d key frames", rtp.get("frameHeight"),
                Math.round(number(rtp, "targetBitrate") / 1000),
                seconds > 0 ? Math.round((bytes - lastBytes) * 8 / seconds / 1000) : 0, packets - lastPackets,
                retransmitted - lastRetransmitted,
                packets > lastPackets ? (delay - lastDelay) * 1000 / (packets - lastPackets) : 0,
                keyFrames - lastKeyFrames);
        lastDelay = delay;
        lastPackets = packets;
        lastBytes = bytes;
        lastRetransmitted = retransmitted;
        lastKeyFrames = keyFrames;
        lastNanos = now;
        return line;
    }

    private static double number(Map<String, Object> attributes, String name) {
        return attributes.get(name) instanceof Number n ? n.doubleValue() : 0;
    }
}
