package org.giggityflix.peer.api.upnp;

import java.time.Instant;
import java.util.Optional;

/**
 * {@code PortMapping} is responsible for one port the peer wants open on the router and how that went.
 *
 * @param protocol       {@code TCP} or {@code UDP}
 * @param port           the port, the same outside and inside
 * @param internalClient the LAN address the router forwards to, empty until a gateway was found
 * @param requestedBy    who wants it: {@code "http"} for HTTP_PORT, otherwise the bundle that asked
 * @param mapped         whether the router holds the mapping now
 * @param expires        when the router drops it unless renewed; empty for a permanent lease or when not mapped
 * @param renewals       times the lease was renewed since it was first mapped
 * @param error          the router's refusal or the failure, in words, when not mapped
 */
public record PortMapping(String protocol, int port, String internalClient, String requestedBy, boolean mapped,
                          Optional<Instant> expires, int renewals, Optional<String> error) {
}
