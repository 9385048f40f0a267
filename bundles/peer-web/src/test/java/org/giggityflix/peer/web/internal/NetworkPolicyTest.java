package org.giggityflix.peer.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.giggityflix.peer.web.internal.NetworkPolicy.Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code NetworkPolicyTest} is responsible for proving who counts as a home client, how forwarding headers are
 * read (only from trusted proxies, rightmost untrusted hop), and which paths the public face has.
 */
class NetworkPolicyTest {

    private final NetworkPolicy defaults = NetworkPolicy.from(Fakes.config(Map.of()));
    private final NetworkPolicy behindProxy = NetworkPolicy.from(Fakes.config(Map.of(
            "trustedProxies", new String[] {"127.0.0.1", "10.9.0.0/16"})));

    private static Client direct(NetworkPolicy p, String address) {
        return p.client(address, false, List.of(), List.of(), List.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "::1", "10.1.2.3", "172.16.0.1", "172.31.255.255",
        "192.168.1.20", "169.254.7.7", "fd12:3456::9", "fc00::1", "fe80::1", "fe80::1%2", "::ffff:192.168.1.2"})
    void homeNetworksByDefault(String address) {
        assertTrue(direct(defaults, address).home(), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"198.51.100.2", "203.0.113.9", "8.8.8.8", "172.32.0.1", "172.15.255.255",
        "2001:db8::1", "100.64.0.1", "localhost", "", "not-an-address"})
    void everythingElseIsOutside(String address) {
        assertFalse(direct(defaults, address).home(), address);
    }

    @Test
    void homeNetworksAreConfigurable() {
        NetworkPolicy p = NetworkPolicy.from(Fakes.config(Map.of("homeNetworks",
                new String[] {"127.0.0.0/8", "100.64.0.0/10", "bogus", "10.0.0.0/33"})));
        assertTrue(direct(p, "100.64.1.1").home());
        assertFalse(direct(p, "192.168.1.20").home(), "only the configured ranges");
    }

    /** An uncommented line of etc/org.giggityflix.peer.web.cfg, or config:property-set, gives one comma list. */
    @Test
    void oneValueMayListSeveralRangesSeparatedByCommas() {
        NetworkPolicy p = NetworkPolicy.from(Fakes.config(Map.of("homeNetworks",
                new String[] {"127.0.0.0/8, 100.64.0.0/10,,bogus"}, "trustedProxies", new String[] {"10.9.0.0/16,127.0.0.1"})));
        assertTrue(direct(p, "100.64.1.1").home());
        assertTrue(direct(p, "127.0.0.1").home());
        assertFalse(direct(p, "192.168.1.20").home(), "only the configured ranges");
        assertEquals("192.168.1.5", p.client("10.9.1.1", false, List.of(), List.of("192.168.1.5"), List.of())
                .address(), "the second proxy of the list is trusted too");
        assertEquals(List.of("bogus"), AddressRanges.parse(new String[] {"127.0.0.0/8, 100.64.0.0/10,,bogus"})
                .invalid());
    }

    @Test
    void forwardingHeadersFromAnUntrustedClientAreIgnored() {
        Client c = defaults.client("203.0.113.9", false, List.of("for=192.168.1.5;proto=https"),
                List.of("127.0.0.1"), List.of("https"));
        assertEquals("203.0.113.9", c.address());
        assertFalse(c.home());
        assertFalse(c.secure());
        // with proxies configured, a client that is not one of them is still itself
        assertEquals("198.51.100.2", behindProxy.client("198.51.100.2", false, List.of(),
                List.of("192.168.1.5"), List.of()).address());
    }

    @Test
    void behindATrustedProxyTheRightmostUntrustedHopIsTheClient() {
        // the client forged "192.168.1.5" in its own X-Forwarded-For; the proxy appended the real address
        Client c = behindProxy.client("127.0.0.1", false, List.of(), List.of("192.168.1.5, 203.0.113.9, 10.9.1.1"),
                List.of());
        assertEquals("203.0.113.9", c.address());
        assertFalse(c.home());
        Client lan = behindProxy.client("127.0.0.1", false, List.of(), List.of("192.168.1.7"), List.of());
        assertEquals("192.168.1.7", lan.address());
        assertTrue(lan.home());
        // several header lines count as one list
        assertEquals("198.51.100.7", behindProxy.client("127.0.0.1", false, List.of(),
                List.of("192.168.1.5", "198.51.100.7:5555"), List.of()).address());
        // no header at all: the proxy itself
        assertEquals("127.0.0.1", behindProxy.client("127.0.0.1", false, List.of(), List.of(), List.of()).address());
        // garbage a proxy passed on is no address, so not home
        assertFalse(behindProxy.client("127.0.0.1", false, List.of(), List.of("unknown"), List.of()).home());
    }

    @Test
    void forwardedHeaderWinsAndCarriesTheScheme() {
        Client c = behindProxy.client("127.0.0.1", false,
                List.of("for=192.168.1.5;proto=http, for=\"[2001:db8:cafe::17]:4711\";proto=https"),
                List.of("192.168.1.99"), List.of());
        assertEquals("2001:db8:cafe::17", c.address());
        assertTrue(c.secure());
        Client xff = behindProxy.client("127.0.0.1", false, List.of(), List.of("203.0.113.4"), List.of("https"));
        assertTrue(xff.secure());
        assertFalse(behindProxy.client("127.0.0.1", true, List.of(), List.of("203.0.113.4"), List.of("http")).secure());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health", "/stream/12", "/stream/9223372036854775807"})
    void publicFace(String path) {
        assertTrue(NetworkPolicy.publicPath("GET", path), path);
        assertTrue(NetworkPolicy.publicPath("HEAD", path), path);
        assertFalse(NetworkPolicy.publicPath("POST", path), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/login", "/api/v1/login", "/api/v1/status", "/api/v1/openapi.json", "/metrics",
        "/assets/app.css", "/favicon.ico", "/play", "/play/rtc/events", "/signal", "/stream", "/stream/",
        "/stream/12/../../api/v1/status", "/stream/12;x", "/stream/%31", "/health/", "/healthz", "/stream/12/x"})
    void everythingElseIsTheOwnersFace(String path) {
        assertFalse(NetworkPolicy.publicPath("GET", path), path);
    }

    @Test
    void remoteAdministrationIsOffByDefaultAndNeedsHttps() {
        Client outsideHttps = new Client("203.0.113.9", false, true);
        Client outsideHttp = new Client("203.0.113.9", false, false);
        assertFalse(defaults.ownerFace(outsideHttps));
        assertTrue(defaults.ownerFace(new Client("192.168.1.2", true, false)));
        NetworkPolicy remote = NetworkPolicy.from(Fakes.config(Map.of("remoteAdministration", true)));
        assertTrue(remote.ownerFace(outsideHttps));
        assertFalse(remote.ownerFace(outsideHttp));
    }
}
