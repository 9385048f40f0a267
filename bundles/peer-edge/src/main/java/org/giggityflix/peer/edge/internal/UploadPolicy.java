package org.giggityflix.peer.edge.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code UploadPolicy} is responsible for deciding whether a screenshot upload endpoint the Edge names may be used,
 * and to which addresses: only the Edge's own host and port or a {@code host[:port]} the owner allowed; https unless
 * the owner allowed plain http (or the connection stays on this machine's loopback); never a loopback, link-local,
 * multicast or wildcard address unless the Edge itself is there. The host is resolved once, here, and the upload
 * connects to exactly the addresses returned, so a name cannot point elsewhere between the check and the connection.
 */
final class UploadPolicy {

    /** Name resolution, replaceable in tests; the JDK's resolver in the peer. */
    @FunctionalInterface
    interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    /** The JDK's resolver. */
    static final Resolver SYSTEM = host -> Arrays.asList(InetAddress.getAllByName(host));

    /**
     * Where an upload goes.
     *
     * @param uri       the endpoint as the Edge gave it
     * @param host      its host name or address literal (IPv6 without brackets), for TLS and the Host header
     * @param port      its port (the scheme's default when the URL has none)
     * @param tls       https
     * @param addresses the checked addresses to connect to, in order
     */
    record Target(URI uri, String host, int port, boolean tls, List<InetAddress> addresses) {
        Target {
            addresses = List.copyOf(addresses);
        }
    }

    /** Either a target or the reason there is none, in words for the Edge and the log. */
    record Decision(Optional<Target> target, String refusal) {
        static Decision refused(String why) {
            return new Decision(Optional.empty(), why);
        }
    }

    private final String edgeHost;
    private final int edgePort;
    private final Set<String> allowed;
    private final boolean allowHttp;
    private final Resolver resolver;

    /**
     * @param edgeHost  the Edge's host (from the Edge address)
     * @param edgePort  the Edge's port
     * @param allowed   the owner's extra {@code host} / {@code host:port} entries, lower case
     * @param allowHttp plain http allowed to addresses off this machine
     */
    UploadPolicy(String edgeHost, int edgePort, Set<String> allowed, boolean allowHttp, Resolver resolver) {
        this.edgeHost = bare(edgeHost.toLowerCase(Locale.ROOT));
        this.edgePort = edgePort;
        this.allowed = Set.copyOf(allowed);
        this.allowHttp = allowHttp;
        this.resolver = resolver;
    }

    Decision check(String endpoint) {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            return Decision.refused("upload endpoint '" + endpoint + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Decision.refused("upload endpoint '" + endpoint + "' is not an http(s) URL");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            return Decision.refused("upload endpoint '" + endpoint + "' has no plain host");
        }
        boolean tls = scheme.equals("https");
        String host = bare(uri.getHost().toLowerCase(Locale.ROOT));
        int defaultPort = tls ? 443 : 80;
        int port = uri.getPort() < 0 ? defaultPort : uri.getPort();
        boolean edgesOwn = host.equals(edgeHost) && port == edgePort;
        if (!edgesOwn && !allowed.contains(withPort(host, port)) && !(port == defaultPort && allowed.contains(host))) {
            return Decision.refused("upload endpoint '" + endpoint + "' is not the Edge's host and port ("
                    + withPort(edgeHost, edgePort) + ") nor in uploadAllowedHosts " + allowed);
        }
        List<InetAddress> resolved;
        try {
            resolved = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return Decision.refused("upload endpoint host '" + host + "' does not resolve");
        }
        List<InetAddress> edge = edgeAddresses();
        List<InetAddress> usable = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (InetAddress address : resolved) {
            Optional<String> kind = special(address);
            if (kind.isEmpty() || edge.contains(address)) {
                usable.add(address);
            } else {
                refused.add(address.getHostAddress() + " (" + kind.get() + ")");
            }
        }
        if (usable.isEmpty()) {
            return Decision.refused("upload endpoint host '" + host + "' resolves to " + String.join(", ", refused)
                    + ", where the Edge is not: uploads never go to this machine or the local network's own"
                    + " addresses unless the Edge is there");
        }
        if (!tls && !allowHttp && !usable.stream().allMatch(InetAddress::isLoopbackAddress)) {
            return Decision.refused("upload endpoint '" + endpoint + "' is plain http to another machine: uploads"
                    + " use https unless the owner sets uploadAllowHttp");
        }
        return new Decision(Optional.of(new Target(uri, host, port, tls, usable)), "");
    }

    private List<InetAddress> edgeAddresses() {
        try {
            return resolver.resolve(edgeHost);
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    /** What makes an address one an upload must not reach unless the Edge is there. */
    static Optional<String> special(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("wildcard");
        }
        return Optional.empty();
    }

    /** An IPv6 literal as {@link URI#getHost()} gives it, without its brackets. */
    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String withPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
