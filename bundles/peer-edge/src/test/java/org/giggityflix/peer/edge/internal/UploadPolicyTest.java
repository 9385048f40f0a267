package org.giggityflix.peer.edge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * {@code UploadPolicyTest} is responsible for proving where screenshot uploads may go: the Edge's host and port or
 * the owner's {@code host[:port]} list, https (plain http only when the owner allows it or on this machine's
 * loopback), and never to a loopback, link-local or multicast address a name resolves to unless the Edge is there;
 * the addresses checked are the ones the upload will use.
 */
class UploadPolicyTest {

    /** A DNS of our own: the names an attacker controls resolve wherever the test says; literals are themselves. */
    private static UploadPolicy.Resolver dns(Map<String, String> names) {
        return host -> {
            String address = names.get(host);
            if (address == null && host.matches("[0-9.]+|.*:.*")) {
                address = host;
            }
            if (address == null) {
                throw new UnknownHostException(host);
            }
            return List.of(InetAddress.getByName(address));
        };
    }

    private static final Map<String, String> NAMES = Map.of(
            "edge.example", "203.0.113.10",
            "cdn.example", "198.51.100.20",
            "sneaky.example", "127.0.0.1",
            "router.example", "169.254.1.1",
            "router6.example", "fe80::1",
            "group.example", "239.1.2.3");

    private static UploadPolicy policy(Set<String> allowed, boolean allowHttp) {
        return new UploadPolicy("edge.example", 8443, allowed, allowHttp, dns(NAMES));
    }

    private static String refusal(UploadPolicy policy, String endpoint) {
        UploadPolicy.Decision decision = policy.check(endpoint);
        assertTrue(decision.target().isEmpty(), endpoint + " must be refused, got " + decision.target());
        return decision.refusal();
    }

    @Test
    void theEdgesOwnHostAndPortOverHttpsIsUsedAtTheAddressChecked() {
        UploadPolicy.Target target = policy(Set.of(), false).check("https://Edge.Example:8443/shots?x=1")
                .target().orElseThrow();

        assertEquals("edge.example", target.host());
        assertEquals(8443, target.port());
        assertTrue(target.tls());
        assertEquals("203.0.113.10", target.addresses().get(0).getHostAddress());
    }

    @Test
    void anotherPortOfTheEdgesHostOrAnotherHostIsRefused() {
        assertTrue(refusal(policy(Set.of(), false), "https://edge.example:22/x").contains("Edge's host and port"));
        assertTrue(refusal(policy(Set.of(), false), "https://cdn.example/x").contains("uploadAllowedHosts"));
        assertTrue(refusal(policy(Set.of(), false), "https://edge.example@cdn.example:8443/x").contains("no plain host"));
        assertTrue(refusal(policy(Set.of(), false), "ftp://edge.example:8443/x").contains("not an http(s) URL"));
    }

    @Test
    void theOwnersListNamesAHostForItsDefaultPortOrAHostAndPort() {
        UploadPolicy policy = policy(Set.of("cdn.example", "edge.example:9000"), false);

        assertTrue(policy.check("https://cdn.example/x").target().isPresent());
        assertTrue(policy.check("https://cdn.example:443/x").target().isPresent());
        assertTrue(refusal(policy, "https://cdn.example:8080/x").contains("uploadAllowedHosts"));
        assertTrue(policy.check("https://edge.example:9000/x").target().isPresent());
    }

    @Test
    void aNameThatResolvesToThisMachineIsRefusedWhenTheEdgeIsElsewhere() {
        String why = refusal(policy(Set.of("sneaky.example"), true), "https://sneaky.example/x");

        assertTrue(why.contains("127.0.0.1 (loopback)"), why);
        assertTrue(why.contains("where the Edge is not"), why);
    }

    @Test
    void aLinkLocalRouterOrAMulticastGroupIsRefused() {
        UploadPolicy policy = policy(Set.of("router.example", "router6.example", "group.example",
                "169.254.169.254"), true);

        assertTrue(refusal(policy, "https://router.example/x").contains("169.254.1.1 (link-local)"));
        assertTrue(refusal(policy, "https://router6.example/x").contains("(link-local)"));
        assertTrue(refusal(policy, "https://group.example/x").contains("239.1.2.3 (multicast)"));
        assertTrue(refusal(policy, "http://169.254.169.254/latest/meta-data").contains("(link-local)"));
    }

    @Test
    void anEdgeOnThisMachineMayTakeUploadsOnItsLoopbackEvenOverHttp() {
        UploadPolicy local = new UploadPolicy("localhost", 50051, Set.of("localhost:8080"), false,
                dns(Map.of("localhost", "127.0.0.1")));

        UploadPolicy.Target target = local.check("http://localhost:8080/upload").target().orElseThrow();

        assertEquals("127.0.0.1", target.addresses().get(0).getHostAddress());
        assertTrue(!target.tls());
    }

    @Test
    void plainHttpToAnotherMachineNeedsTheOwnersConsent() {
        assertTrue(refusal(policy(Set.of("cdn.example"), false), "http://cdn.example/x").contains("uploadAllowHttp"));
        assertTrue(policy(Set.of("cdn.example"), true).check("http://cdn.example/x").target().isPresent());
    }

    @Test
    void aNameThatDoesNotResolveIsRefused() {
        assertTrue(refusal(policy(Set.of("nowhere.example"), false), "https://nowhere.example/x")
                .contains("does not resolve"));
    }
}
