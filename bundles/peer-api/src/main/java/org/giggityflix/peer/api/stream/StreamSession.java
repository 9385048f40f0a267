package org.giggityflix.peer.api.stream;

import java.time.Instant;
import java.util.Optional;

/**
 * A running delivery of one file to one viewer.
 *
 * @param id        unique within its transport
 * @param transport the {@link StreamingTransport#name()} serving it
 * @param luid      the cataloged file
 * @param started   when it began
 * @param state     transport-specific state, for people
 * @param stats     how its video is going out, when the transport measures it (WebRTC, once connected)
 */
public record StreamSession(String id, String transport, long luid, Instant started, String state,
                            Optional<StreamStats> stats) {

    /** A session without statistics (a transport that does not measure, or not yet). */
    public StreamSession(String id, String transport, long luid, Instant started, String state) {
        this(id, transport, luid, started, state, Optional.empty());
    }

    /** This session with {@code measured} as its statistics. */
    public StreamSession withStats(StreamStats measured) {
        return new StreamSession(id, transport, luid, started, state, Optional.of(measured));
    }
}
