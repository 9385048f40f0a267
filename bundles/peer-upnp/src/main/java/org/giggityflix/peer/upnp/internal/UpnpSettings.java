package org.giggityflix.peer.upnp.internal;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code UpnpSettings} is responsible for the checked form of {@link UpnpConfig}: out-of-range values are replaced
 * by the nearest sensible one and reported in {@link #problems()}, never thrown.
 *
 * @param enabled          whether to map at all
 * @param leaseSeconds     lease asked for; 0 = permanent
 * @param discoveryTimeout how long to wait for SSDP answers
 * @param description      label on the router
 * @param networkInterface interface to search on, empty = all suitable
 * @param gatewayAddress   unicast search target, empty = multicast
 * @param problems         what was corrected, in words
 */
record UpnpSettings(boolean enabled, int leaseSeconds, Duration discoveryTimeout, String description,
                    Optional<String> networkInterface, Optional<InetSocketAddress> gatewayAddress,
                    List<String> problems) {

    static UpnpSettings from(UpnpConfig config) {
        List<String> problems = new ArrayList<>();
        int lease = config.leaseSeconds();
        if (lease < 0) {
            problems.add("leaseSeconds " + lease + " is negative; using 3600");
            lease = 3600;
        } else if (lease > UpnpConstants.MAX_LEASE_SECONDS) {
            problems.add("leaseSeconds " + lease + " is above a week; using " + UpnpConstants.MAX_LEASE_SECONDS);
            lease = UpnpConstants.MAX_LEASE_SECONDS;
        }
        int timeout = config.discoveryTimeoutSec();
        if (timeout < 1 || timeout > 30) {
            int fixed = Math.max(1, Math.min(30, timeout));
            problems.add("discoveryTimeoutSec " + timeout + " is outside 1-30; using " + fixed);
            timeout = fixed;
        }
        String description = clean(config.description());
        if (description.isEmpty()) {
            description = "Giggityflix peer";
        }
        Optional<InetSocketAddress> gateway = Optional.empty();
        String address = clean(config.gatewayAddress());
        if (!address.isEmpty()) {
            try {
                gateway = Optional.of(parseAddress(address));
            } catch (IllegalArgumentException e) {
                problems.add("gatewayAddress '" + address + "' " + e.getMessage() + "; searching by multicast");
            }
        }
        String nif = clean(config.networkInterface());
        return new UpnpSettings(config.enabled(), lease, Duration.ofSeconds(timeout), description,
                nif.isEmpty() ? Optional.empty() : Optional.of(nif), gateway, List.copyOf(problems));
    }

    /** Same searching, so a change elsewhere (lease, label) keeps the gateway already found. */
    boolean sameSearch(UpnpSettings other) {
        return other != null && enabled == other.enabled && networkInterface.equals(other.networkInterface)
                && gatewayAddress.equals(other.gatewayAddress);
    }

    static InetSocketAddress parseAddress(String text) {
        String host = text;
        int port = UpnpConstants.SSDP_PORT;
        int colon = text.lastIndexOf(':');
        if (colon >= 0) {
            host = text.substring(0, colon);
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("has no valid port");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("has a port outside 1-65535");
            }
        }
        if (host.isBlank() || !host.matches("[A-Za-z0-9.\\-]+")) {
            throw new IllegalArgumentException("is not a host name or IPv4 address");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    private static String clean(String value) {
        // Control characters would end up in SOAP bodies and SSDP headers.
        return value == null ? "" : value.replaceAll("\\p{Cntrl}", "").trim();
    }
}
