/**
 * Ways to deliver a file to a viewer (WebRTC, HTTP, ...). 1.1: {@link org.giggityflix.peer.api.stream.WebRtcSignaling}
 * lets any signaling channel (the Edge stream, the peer's own HTTP endpoint) drive a WebRTC transport, and
 * {@link org.giggityflix.peer.api.stream.SignedLinks} hands out short-lived links to a file. 1.2:
 * {@link org.giggityflix.peer.api.stream.SignalingListener#candidatesComplete} (a default method) says when a
 * session's local candidates are all out. 1.3: {@link org.giggityflix.peer.api.stream.SessionRequest#audioTrack()},
 * the wanted audio track. 1.4: {@link org.giggityflix.peer.api.stream.StreamStats}, a session's sending statistics,
 * in {@link org.giggityflix.peer.api.stream.StreamSession#stats()}. 1.5:
 * {@link org.giggityflix.peer.api.stream.SignalingListener#offer} and
 * {@link org.giggityflix.peer.api.stream.SignalingListener#canRenegotiate} (default methods): a channel that can
 * carry a new offer lets the transport restart ICE when the viewer's network changes.
 */
@org.osgi.annotation.versioning.Version("1.5.0")
package org.giggityflix.peer.api.stream;
