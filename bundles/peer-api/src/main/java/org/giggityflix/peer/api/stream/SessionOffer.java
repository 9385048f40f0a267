package org.giggityflix.peer.api.stream;

/**
 * The start of a WebRTC session: the id every later signaling message names, and the transport's SDP offer.
 *
 * @param sessionId the session's id
 * @param sdp       the SDP offer to hand to the viewer
 */
public record SessionOffer(String sessionId, String sdp) {
}
