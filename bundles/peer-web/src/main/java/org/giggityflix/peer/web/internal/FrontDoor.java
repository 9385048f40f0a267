package org.giggityflix.peer.web.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.giggityflix.peer.web.internal.NetworkPolicy.Client;

/**
 * {@code FrontDoor} is responsible for the first look at every request the peer's HTTP server gets, in any servlet
 * context: who the client is (trusted proxies), whether it may reach the path (the two faces: 403 without a page
 * for the owner's face from outside the home networks), whether the Host header names this machine (421
 * otherwise), and whether the answer carries HSTS.
 */
final class FrontDoor {

    /** What the front door reads of a request. */
    record Seen(String method, String rawPath, String remoteAddr, boolean tcpSecure, String host,
                List<String> forwarded, List<String> forwardedFor, List<String> forwardedProto) {
    }

    /**
     * The outcome.
     *
     * @param status  0 to let the request in, else the status to answer with
     * @param message for a person on the home network (empty: no body at all)
     * @param client  the client as resolved
     * @param hsts    the Strict-Transport-Security value to send, if any
     */
    record Admission(int status, String message, Client client, Optional<String> hsts) {
        boolean admitted() {
            return status == 0;
        }
    }

    private final HostNames hostNames;
    private volatile NetworkPolicy policy;
    private volatile Set<String> extraHosts = Set.of();
    private volatile int hstsSeconds;
    private volatile List<String> homeNetworks = List.of();
    private volatile List<String> trustedProxies = List.of();

    FrontDoor(HostNames hostNames, WebConfig config) {
        this.hostNames = hostNames;
        configure(config);
    }

    void configure(WebConfig config) {
        policy = NetworkPolicy.from(config);
        extraHosts = listed(config.allowedHostNames()).stream().map(s -> s.toLowerCase(Locale.ROOT))
                .map(s -> s.endsWith(".") ? s.substring(0, s.length() - 1) : s).collect(Collectors.toUnmodifiableSet());
        hstsSeconds = Math.max(0, config.hstsMaxAgeSeconds());
        homeNetworks = listed(config.homeNetworks());
        trustedProxies = listed(config.trustedProxies());
    }

    /**
     * The values of a multi-valued setting, trimmed, without empty ones. A value may hold several separated by
     * commas: an uncommented line of {@code etc/org.giggityflix.peer.web.cfg} ({@code homeNetworks = a,b}) and
     * {@code config:property-set} give one string, the settings page an array.
     */
    static List<String> listed(String[] values) {
        return Stream.of(values == null ? new String[0] : values).filter(v -> v != null)
                .flatMap(v -> Stream.of(v.split(","))).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    List<String> homeNetworks() {
        return homeNetworks;
    }

    List<String> trustedProxies() {
        return trustedProxies;
    }

    NetworkPolicy policy() {
        return policy;
    }

    Admission admit(Seen seen) {
        NetworkPolicy p = policy;
        Client client = p.client(seen.remoteAddr(), seen.tcpSecure(), seen.forwarded(), seen.forwardedFor(),
                seen.forwardedProto());
        Optional<String> hsts = client.secure() && hstsSeconds > 0
                ? Optional.of("max-age=" + hstsSeconds) : Optional.empty();
        if (NetworkPolicy.publicPath(seen.method(), seen.rawPath())) {
            // Signed links carry their own authorisation and are reached through the router's public name.
            return new Admission(0, "", client, hsts);
        }
        if (!p.ownerFace(client)) {
            return new Admission(403, "", client, hsts);
        }
        if (!hostNames.thisMachine(seen.host(), extraHosts)) {
            String name = HostNames.hostOf(seen.host()).orElse("");
            return new Admission(name.isEmpty() ? 400 : 421, name.isEmpty()
                    ? "The Host header is missing or malformed."
                    : "This peer does not answer to the name '" + name + "'. If it is yours, add it to "
                            + "allowedHostNames (PID org.giggityflix.peer.web).", client, hsts);
        }
        return new Admission(0, "", client, hsts);
    }
}
