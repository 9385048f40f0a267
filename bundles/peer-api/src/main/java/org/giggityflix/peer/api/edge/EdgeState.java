package org.giggityflix.peer.api.edge;

/** {@code EdgeState} is responsible for naming where the link to the Edge is in its life. */
public enum EdgeState {
    /** Dialing the Edge and opening the stream. */
    CONNECTING,
    /** The stream is open; requests are answered. */
    CONNECTED,
    /** The link was lost or refused; waiting out a back-off before the next attempt. */
    RECONNECTING,
    /** Every allowed attempt failed; stays so until {@link EdgeLink#reconnect()} or a configuration change. */
    GAVE_UP,
    /** The owner closed the link ({@link EdgeLink#disconnect()}) or the link is stopping. */
    DISCONNECTED
}
