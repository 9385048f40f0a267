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

    /**
     * Whether and which HTTP port to map, from pax-web's configuration (empty map: pax-web's defaults).
     *
     * @param port the port to map, empty when HTTP must not be mapped
     * @param note why it is not mapped, when that is worth telling the owner
     */
    record Http(Optional<Integer> port, Optional<String> note) {
    }

    static Http http(Map<String, Object> paxWeb) {
        Object enabled = paxWeb.get(UpnpConstants.HTTP_ENABLED_PROPERTY);
        if (enabled != null && "false".equalsIgnoreCase(enabled.toString().trim())) {
            return new Http(Optional.empty(), Optional.empty());
        }
        Object addresses = paxWeb.get(UpnpConstants.LISTENING_ADDRESSES_PROPERTY);
        if (addresses != null && !addresses.toString().isBlank() && loopbackOnly(addresses.toString())) {
            return new Http(Optional.empty(), Optional.of("the web server listens on " + addresses.toString().trim()
                    + " only (" + UpnpConstants.LISTENING_ADDRESSES_PROPERTY + "), so HTTP_PORT is not mapped"));
        }
        Object value = paxWeb.get(UpnpConstants.HTTP_PORT_PROPERTY);
        Optional<Integer> port = httpPort(value);
        return new Http(port, port.isPresent() ? Optional.empty()
                : Optional.of("HTTP_PORT '" + value + "' is not a port, so it is not mapped"));
    }

    private static boolean loopbackOnly(String addresses) {
        for (String address : addresses.split(",")) {
            String a = address.trim();
            if (!a.isEmpty() && !(a.startsWith("127.") || a.equals("localhost") || a.equals("::1")
                    || a.equals("[::1]"))) {
                return false;
            }
        }
        return true;
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
