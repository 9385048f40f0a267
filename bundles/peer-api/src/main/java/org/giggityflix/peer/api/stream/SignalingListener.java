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

    /** The session is over and its resources are freed; {@code reason} in words. Called once. */
    void ended(String sessionId, String reason);
}
