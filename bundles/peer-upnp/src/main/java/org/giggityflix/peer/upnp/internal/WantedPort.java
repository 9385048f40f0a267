package org.giggityflix.peer.upnp.internal;

import java.util.Locale;

/**
 * {@code WantedPort} is responsible for one port some part of the peer wants reachable from outside.
 *
 * @param protocol    {@code TCP} or {@code UDP}
 * @param port        1..65535, the same outside and inside
 * @param requestedBy {@code "http"} or the asking bundle's symbolic name
 */
record WantedPort(String protocol, int port, String requestedBy) {

    /** Identity on the router: protocol and port (two askers for the same port share one mapping). */
    String key() {
        return protocol + ":" + port;
    }

    /** "8080/tcp". */
    String label() {
        return port + "/" + protocol.toLowerCase(Locale.ROOT);
    }
}
