package org.giggityflix.peer.api.stream;

import org.osgi.annotation.versioning.ProviderType;

/**
 * {@code WebRtcSignaling} is responsible for letting any signaling channel drive a WebRTC transport: the Edge's
 * stream and the peer's own HTTP endpoint use the same calls. The transport is the offerer: {@link #open} returns
 * its SDP offer, the viewer's answer comes back through {@link #applyAnswer}, candidates trickle both ways (the
 * transport's through the {@link SignalingListener}), and {@link StreamingTransport#stop} or the listener's
 * {@code ended} closes the session. Published with {@code transport=webrtc}.
 */
@ProviderType
public interface WebRtcSignaling extends StreamingTransport {

    /**
     * Starts a session on a file and returns the SDP offer. The session ends by itself when the viewer does not
     * answer in time, ICE fails, the file disappears or the transport goes away; the listener hears it.
     *
     * @throws SignalingException NO_SUCH_MEDIA, FILE_GONE, LIMIT_REACHED, INVALID (duplicate session id), FAILED
     */
    SessionOffer open(SessionRequest request, SignalingListener listener) throws SignalingException;

    /**
     * Applies the viewer's SDP answer.
     *
     * @throws SignalingException NO_SUCH_SESSION, INVALID (malformed SDP, a second answer)
     */
    void applyAnswer(String sessionId, String sdp) throws SignalingException;

    /**
     * Adds one of the viewer's ICE candidates (candidates before the answer are kept until it arrives).
     *
     * @throws SignalingException NO_SUCH_SESSION, INVALID (malformed candidate)
     */
    void addRemoteCandidate(String sessionId, IceCandidate candidate) throws SignalingException;
}
