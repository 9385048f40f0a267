package org.giggityflix.peer.web.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code NetworkPolicy} is responsible for the two network faces: who the client of a request really is (the TCP
 * peer, or behind a trusted reverse proxy the rightmost address the proxies did not add), whether that client is on
 * a home network, and which paths each face may reach: everyone gets signed stream links and {@code /health}; the
 * owner's face (UI, API, sign-in, metrics) needs a home client, or remote administration over HTTPS.
 */
final class NetworkPolicy {

    /**
     * The client as the peer treats it.
     *
     * @param address the client's IP address (or the unparseable value a proxy gave, which is on no network)
     * @param home    inside the configured home networks
     * @param secure  HTTPS to the peer, or to a trusted proxy that said so
     */
    record Client(String address, boolean home, boolean secure) {
    }

    /** Signed stream links: {@code /stream/<luid>} and nothing that could be normalised into another path. */
    private static final Pattern STREAM_LINK = Pattern.compile("/stream/[0-9]{1,19}");

    private final AddressRanges home;
    private final AddressRanges proxies;
    private final boolean remoteAdministration;

    NetworkPolicy(AddressRanges home, AddressRanges proxies, boolean remoteAdministration) {
        this.home = home;
        this.proxies = proxies;
        this.remoteAdministration = remoteAdministration;
    }

    static NetworkPolicy from(WebConfig config) {
        return new NetworkPolicy(AddressRanges.parse(config.homeNetworks()),
                AddressRanges.parse(config.trustedProxies()), config.remoteAdministration());
    }

    boolean remoteAdministration() {
        return remoteAdministration;
    }

    boolean isHome(String address) {
        return home.contains(address);
    }

    /**
     * Works out the client. Forwarding headers count only when the TCP peer is a trusted proxy; then the hops are
     * read from the right (the nearest first) and the first one that is not itself a trusted proxy is the client.
     * {@code Forwarded} (RFC 7239) wins over {@code X-Forwarded-For} when both are present.
     */
    Client client(String remoteAddr, boolean tcpSecure, List<String> forwarded, List<String> forwardedFor,
                  List<String> forwardedProto) {
        if (!proxies.contains(remoteAddr)) {
            return new Client(remoteAddr, home.contains(remoteAddr), tcpSecure);
        }
        List<String[]> hops = !forwarded.isEmpty() ? forwardedHops(forwarded) : xffHops(forwardedFor, forwardedProto);
        String client = remoteAddr;
        String proto = null;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i)[0];
            if (proto == null) {
                // The nearest proxy's word on how the client reached it.
                proto = hops.get(i)[1];
            }
            client = hop;
            if (!proxies.contains(hop)) {
                break;
            }
        }
        boolean secure = proto == null ? tcpSecure : proto.equalsIgnoreCase("https");
        return new Client(client, home.contains(client), secure);
    }

    /** True for the public face: what anyone on the internet may reach. */
    static boolean publicPath(String method, String rawPath) {
        String m = method.toUpperCase(Locale.ROOT);
        if (!m.equals("GET") && !m.equals("HEAD")) {
            return false;
        }
        return rawPath.equals("/health") || STREAM_LINK.matcher(rawPath).matches();
    }

    /** Whether this client may reach the owner's face (anything that is not {@link #publicPath}). */
    boolean ownerFace(Client client) {
        return client.home() || (remoteAdministration && client.secure());
    }

    /** Hops of {@code Forwarded: for=…;proto=…, for=…} headers, in order, each {address, proto or null}. */
    static List<String[]> forwardedHops(List<String> headers) {
        List<String[]> hops = new ArrayList<>();
        for (String header : headers) {
            for (String element : header.split(",")) {
                String forValue = null;
                String proto = null;
                for (String pair : element.split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq < 0) {
                        continue;
                    }
                    String name = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                    String value = unquote(pair.substring(eq + 1).trim());
                    if (name.equals("for")) {
                        forValue = value;
                    } else if (name.equals("proto")) {
                        proto = value;
                    }
                }
                if (forValue != null) {
                    hops.add(new String[] {hostOnly(forValue), proto});
                }
            }
        }
        return hops;
    }

    /** Hops of {@code X-Forwarded-For}; the last {@code X-Forwarded-Proto} value goes with the nearest hop. */
    static List<String[]> xffHops(List<String> forwardedFor, List<String> forwardedProto) {
        List<String[]> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(new String[] {hostOnly(hop.trim()), null});
                }
            }
        }
        Optional<String> proto = Optional.empty();
        for (String header : forwardedProto) {
            String[] values = header.split(",");
            proto = Optional.of(values[values.length - 1].trim());
        }
        if (!hops.isEmpty() && proto.isPresent()) {
            hops.get(hops.size() - 1)[1] = proto.get();
        }
        return hops;
    }

    /** {@code [v6]:port} → {@code v6}, {@code v4:port} → {@code v4}; anything else as it is. */
    static String hostOnly(String hop) {
        if (hop.startsWith("[")) {
            int close = hop.indexOf(']');
            return close < 0 ? hop : hop.substring(1, close);
        }
        int colon = hop.indexOf(':');
        if (colon >= 0 && colon == hop.lastIndexOf(':')) {
            return hop.substring(0, colon);
        }
        return hop;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
