package org.giggityflix.peer.api.stream;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * How one session's video is going out, as its transport last measured it (for WebRTC: the peer connection's own
 * statistics). Counters are totals since the session began; rates are over the time since the previous look (the
 * first look: since the session began).
 *
 * @param sampled                when these were read
 * @param bytesSent              video payload bytes sent so far
 * @param bitrateSentKbps        video bitrate sent recently, kbit/s
 * @param availableOutgoingKbps  the congestion controller's estimate of what the path can carry, kbit/s, once known
 * @param frameWidth             width of the frames being sent (0 before the first)
 * @param frameHeight            height of the frames being sent (0 before the first)
 * @param framesPerSecond        frames sent per second (0 before the first)
 * @param qualityLimitation      why the encoder sends less than asked: {@code none}, {@code bandwidth}, {@code cpu}
 *                               or {@code other} (empty when the transport does not say)
 * @param nacks                  retransmission requests (NACK) received from the viewer
 * @param plis                   key-frame requests (PLI) received from the viewer
 * @param packetsLost            video packets the viewer reported lost
 * @param roundTripMs            round-trip time to the viewer, ms, once measured
 * @param route                  how the media flows: {@code direct} or {@code relay} (through a TURN server), once
 *                               a path is chosen
 */
public record StreamStats(Instant sampled, long bytesSent, long bitrateSentKbps, OptionalLong availableOutgoingKbps,
                          int frameWidth, int frameHeight, double framesPerSecond, String qualityLimitation,
                          long nacks, long plis, long packetsLost, OptionalDouble roundTripMs,
                          Optional<String> route) {
}
