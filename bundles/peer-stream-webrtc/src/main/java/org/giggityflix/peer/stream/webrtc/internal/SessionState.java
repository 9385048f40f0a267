package org.giggityflix.peer.stream.webrtc.internal;

/**
 * {@code SessionState} is responsible for naming where one WebRTC session stands. Its name is the text people see:
 * the state column of {@code peer:stream-list}, {@code state} in {@code /api/v1/streams}, and what the
 * {@code SignalingListener} hears in {@code stateChanged}.
 */
enum SessionState {
    /** The offer is made; the viewer has not answered yet. */
    OFFERED,
    /** The viewer's answer is applied; ICE has not connected yet. */
    ANSWERED,
    /** libwebrtc's peer connection state {@code NEW}, as it reports it. */
    NEW,
    /** libwebrtc's peer connection state {@code CONNECTING}: ICE and DTLS are under way. */
    CONNECTING,
    /** Pictures and sound reach the viewer. */
    CONNECTED,
    /** The viewer stopped answering ICE checks; the session waits a while for it to come back. */
    DISCONNECTED,
    /** The session is over and freed. */
    CLOSED
}
