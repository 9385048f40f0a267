package org.giggityflix.peer.api.stream;

/**
 * One trickled ICE candidate, either side's.
 *
 * @param sdpMid        the media section id it belongs to
 * @param sdpMLineIndex the media section index it belongs to
 * @param candidate     the {@code candidate:...} line
 */
public record IceCandidate(String sdpMid, int sdpMLineIndex, String candidate) {
}
