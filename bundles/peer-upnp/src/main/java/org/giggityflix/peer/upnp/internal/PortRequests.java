package org.giggityflix.peer.upnp.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code PortRequests} is responsible for working out which ports to map: HTTP_PORT while the HTTP server runs, plus
 * every entry of the {@code upnp.ports} service property of other components, read leniently (bad entries are
 * reported and skipped, never fatal).
 */
final class PortRequests {

    /**
     * The ports wanted and what was skipped.
     *
     * @param ports    one per protocol and port, the first asker named
     * @param problems unreadable entries, in words
     */
    record Wanted(List<WantedPort> ports, List<String> problems) {
    }

    /** One service's ask: its {@code upnp.ports} value and who registered it. */
    record Ask(Object value, String requestedBy) {
    }

    private PortRequests() {
    }

    static Wanted wanted(Optional<Integer> httpPort, Collection<Ask> asks) {
        Map<String, WantedPort> ports = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        httpPort.ifPresent(p -> ports.put("TCP:" + p, new WantedPort("TCP", p, UpnpConstants.HTTP_REQUESTER)));
        for (Ask ask : asks) {
            for (String entry : entries(ask.value())) {
                try {
                    WantedPort port = parse(entry, ask.requestedBy());
                    ports.putIfAbsent(port.key(), port);
                } catch (IllegalArgumentException e) {
                    problems.add(ask.requestedBy() + ": upnp.ports entry '" + SsdpMessages.first(entry) + "' "
                            + e.getMessage());
                }
            }
        }
        return new Wanted(List.copyOf(ports.values()), List.copyOf(problems));
    }

    /** The HTTP port from pax-web's configuration value (text or number); empty when unusable. */
    static Optional<Integer> httpPort(Object value) {
        if (value == null) {
            return Optional.of(UpnpConstants.DEFAULT_HTTP_PORT);
        }
        try {
            int port = Integer.parseInt(value.toString().trim());
            return port >= 1 && port <= 65535 ? Optional.of(port) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static List<String> entries(Object value) {
        List<String> entries = new ArrayList<>();
        if (value instanceof int[] numbers) {
            for (int n : numbers) {
                entries.add(Integer.toString(n));
            }
        } else if (value instanceof Object[] array) {
            for (Object o : array) {
                entries.addAll(entries(o));
            }
        } else if (value instanceof Collection<?> collection) {
            for (Object o : collection) {
                entries.addAll(entries(o));
            }
        } else if (value != null) {
            for (String part : value.toString().split(",")) {
                if (!part.isBlank()) {
                    entries.add(part.trim());
                }
            }
        }
        return entries;
    }

    static WantedPort parse(String entry, String requestedBy) {
        String text = entry.trim();
        String protocol = "TCP";
        int slash = text.indexOf('/');
        if (slash >= 0) {
            protocol = text.substring(slash + 1).trim().toUpperCase(Locale.ROOT);
            text = text.substring(0, slash).trim();
            if (!protocol.equals("TCP") && !protocol.equals("UDP")) {
                throw new IllegalArgumentException("has protocol '" + protocol + "' (tcp or udp)");
            }
        }
        int port;
        try {
            port = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is not a port number");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("is outside 1-65535");
        }
        return new WantedPort(protocol, port, requestedBy);
    }
}
