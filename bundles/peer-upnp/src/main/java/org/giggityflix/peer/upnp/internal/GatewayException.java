package org.giggityflix.peer.upnp.internal;

/**
 * {@code GatewayException} is responsible for a gateway that could not be used: it answered nonsense, an
 * unexpected HTTP status, or stopped answering. The message is the status line's end, e.g.
 * "answered garbage to GetExternalIPAddress: not acceptable XML".
 */
class GatewayException extends Exception {
    private static final long serialVersionUID = 1L;

    GatewayException(String message) {
        super(message);
    }

    GatewayException(String message, Throwable cause) {
        super(message, cause);
    }
}
