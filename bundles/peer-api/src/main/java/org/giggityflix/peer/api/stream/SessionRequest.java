package org.giggityflix.peer.api.stream;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import org.giggityflix.peer.api.media.TrackChoice;

/**
 * What a viewer asks a WebRTC transport for: one file, with optional limits and preferences.
 *
 * @param sessionId      the id the signaling side correlates messages with (the Edge's session id); empty: the
 *                       transport makes one
 * @param luid           the cataloged file
 * @param maxBitrateKbps the viewer's cap; the transport uses the lower of this and its own
 * @param preferredCodec e.g. {@code VP8}, {@code H264}; honoured when the viewer's browser offers it
 * @param iceServers     STUN/TURN servers for this session only; empty: the transport's configured ones
 * @param audioTrack     the wanted audio track (stream index or language); {@link TrackChoice#DEFAULT} or null: the
 *                       track flagged default, else the owner's preferred language, else the first. One the file
 *                       does not have is refused ({@link SignalingException.Reason#INVALID})
 */
public record SessionRequest(Optional<String> sessionId, long luid, OptionalInt maxBitrateKbps,
                             Optional<String> preferredCodec, List<IceServer> iceServers, TrackChoice audioTrack) {

    public SessionRequest {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(maxBitrateKbps, "maxBitrateKbps");
        Objects.requireNonNull(preferredCodec, "preferredCodec");
        iceServers = List.copyOf(iceServers);
        audioTrack = audioTrack == null ? TrackChoice.DEFAULT : audioTrack;
    }

    /** A request with the default audio track (the 1.2 signature). */
    public SessionRequest(Optional<String> sessionId, long luid, OptionalInt maxBitrateKbps,
                          Optional<String> preferredCodec, List<IceServer> iceServers) {
        this(sessionId, luid, maxBitrateKbps, preferredCodec, iceServers, TrackChoice.DEFAULT);
    }

    /** A request for {@code luid} with no preferences. */
    public static SessionRequest of(long luid) {
        return new SessionRequest(Optional.empty(), luid, OptionalInt.empty(), Optional.empty(), List.of());
    }

    /** The same request for another audio track. */
    public SessionRequest withAudioTrack(TrackChoice track) {
        return new SessionRequest(sessionId, luid, maxBitrateKbps, preferredCodec, iceServers, track);
    }
}
