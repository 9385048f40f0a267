package org.giggityflix.peer.upnp.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code SsdpMessages} is responsible for the SSDP text on the wire: writing the M-SEARCH request and reading
 * answers strictly enough that garbage, other devices' chatter and spoofed locations are turned away with a reason.
 */
final class SsdpMessages {

    private SsdpMessages() {
    }

    /** An M-SEARCH for {@code st}; {@code host} is the HOST header ({@code 239.255.255.250:1900} for multicast). */
    static byte[] search(String host, String st, int mxSeconds) {
        String text = "M-SEARCH * HTTP/1.1\r\n"
                + "HOST: " + host + "\r\n"
                + "MAN: \"ssdp:discover\"\r\n"
                + "MX: " + mxSeconds + "\r\n"
                + "ST: " + st + "\r\n"
                + "USER-AGENT: Java/17 UPnP/1.1 Giggityflix/0.1\r\n"
                + "\r\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Reads an answer that {@code source} sent; {@link SsdpException} says why it was not taken (not an answer,
     * missing headers, not a gateway, LOCATION elsewhere than the sender).
     */
    static SsdpAnswer parse(byte[] data, int length, InetAddress source) throws SsdpException {
        String text = new String(data, 0, length, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String head = end >= 0 ? text.substring(0, end) : text;
        String[] lines = head.split("\r?\n");
        String status = lines[0].trim();
        if (status.startsWith("NOTIFY") || status.startsWith("M-SEARCH")) {
            throw new SsdpException("not an answer (" + first(status) + ")");
        }
        if (!status.matches("HTTP/1\\.[01] 200( .*)?")) {
            throw new SsdpException("not an SSDP answer (starts with '" + first(status) + "')");
        }
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new SsdpException("unreadable header line '" + first(line) + "'");
            }
            headers.putIfAbsent(line.substring(0, colon).trim().toUpperCase(Locale.ROOT),
                    line.substring(colon + 1).trim());
        }
        String st = headers.getOrDefault("ST", "");
        if (st.isEmpty()) {
            throw new SsdpException("no ST header");
        }
        if (!isGateway(st)) {
            throw new SsdpException("not a gateway (ST " + first(st) + ")");
        }
        String location = headers.getOrDefault("LOCATION", "");
        if (location.isEmpty()) {
            throw new SsdpException("no LOCATION header");
        }
        URI uri;
        try {
            uri = new URI(location);
        } catch (URISyntaxException e) {
            throw new SsdpException("LOCATION is not a URL: " + first(location));
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new SsdpException("LOCATION is not an http URL: " + first(location));
        }
        // Only fetch from the device that answered: a spoofed answer must not make the peer fetch other URLs.
        if (!sameHost(uri.getHost(), source)) {
            throw new SsdpException("LOCATION " + first(location) + " is not on the sender "
                    + source.getHostAddress());
        }
        return new SsdpAnswer(source, uri, st, headers.getOrDefault("SERVER", ""));
    }

    static boolean isGateway(String st) {
        return st.startsWith("urn:schemas-upnp-org:device:InternetGatewayDevice:")
                || st.startsWith(UpnpConstants.WAN_IP_SERVICE)
                || st.startsWith(UpnpConstants.WAN_PPP_SERVICE);
    }

    /** True when {@code host} is the IPv4 literal of {@code address} (names are not resolved). */
    static boolean sameHost(String host, InetAddress address) {
        if (!(address instanceof Inet4Address) || !host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return false;
        }
        return host.equals(address.getHostAddress());
    }

    /** At most 60 printable characters of what was received, for messages. */
    static String first(String text) {
        String clean = text.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() > 60 ? clean.substring(0, 60) + "..." : clean;
    }

    /** {@code SsdpMessages.SsdpException} is responsible for saying why a datagram was not taken as an answer. */
    static final class SsdpException extends Exception {
        private static final long serialVersionUID = 1L;

        SsdpException(String message) {
            super(message);
        }
    }
}
