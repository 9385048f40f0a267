package org.giggityflix.peer.api.stream;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * {@code SignalingListener} is responsible for carrying what a WebRTC transport says on its own initiative back
 * to the viewer's signaling channel. Called from the transport's threads; implementations must not block.
 */
@ConsumerType
public interface SignalingListener {

    /** A local ICE candidate to trickle to the viewer. */
    void localCandidate(String sessionId, IceCandidate candidate);

    /**
     * The transport has handed over every local ICE candidate of the session (gathering is complete): no more
     * {@link #localCandidate} calls follow. Lets a channel that cannot push (the Edge's unary calls) know when it
     * has them all. Called at most once, after the answer is applied. Since 1.2.
     */
    default void candidatesComplete(String sessionId) {
    }

    /** The session's state changed (e.g. {@code CONNECTED}); for people and status pages. */
    default void stateChanged(String sessionId, String state) {
    }

    /**
     * Whether this channel can carry a new offer to the viewer of a running session ({@link #offer}); the transport
     * restarts ICE only through a channel that can. Since 1.5.
     */
    default boolean canRenegotiate() {
        return false;
    }

    /**
     * A new SDP offer for the running session {@code sessionId} (an ICE restart after the viewer became
     * unreachable): the channel hands it to the viewer, whose answer comes back through
     * {@link WebRtcSignaling#applyAnswer} as the first one did; the new local candidates follow it. Called only when
     * {@link #canRenegotiate()} is true. Since 1.5.
     */
    default void offer(String sessionId, String sdp) {
    }

    /** The session is over and its resources are freed; {@code reason} in words. Called once. */
    void ended(String sessionId, String reason);
}
