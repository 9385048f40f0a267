package org.giggityflix.peer.api.web;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * {@code WebAccess} is responsible for telling the owner (console, web UI) how the peer's web server can be reached
 * and how to recognise it: the HTTP and HTTPS ports, the HTTPS certificate's SHA-256 fingerprint (to compare with
 * what a browser shows for a self-signed certificate), and who gets the owner's face. Published by peer-web.
 * Since 1.1.
 */
@ProviderType
public interface WebAccess {

    /**
     * The HTTPS listener.
     *
     * @param port              its port
     * @param sha256Fingerprint the certificate's SHA-256, upper-case hex pairs separated by colons (as browsers show it)
     * @param subject           the certificate's subject
     * @param notAfter          when the certificate expires
     */
    record Https(int port, String sha256Fingerprint, String subject, Instant notAfter) {
    }

    /**
     * @param httpPort             the plain HTTP port (0 when off)
     * @param https                the HTTPS listener, when it is on and its certificate could be read
     * @param httpsProblem         why HTTPS is configured but its certificate could not be read, if so
     * @param remoteAdministration whether clients outside the home networks may use the owner's face (HTTPS only)
     * @param homeNetworks         the ranges that see the owner's face
     * @param trustedProxies       reverse proxies whose forwarding headers count
     */
    record Status(int httpPort, Optional<Https> https, Optional<String> httpsProblem, boolean remoteAdministration,
                  List<String> homeNetworks, List<String> trustedProxies) {
    }

    Status status();
}
