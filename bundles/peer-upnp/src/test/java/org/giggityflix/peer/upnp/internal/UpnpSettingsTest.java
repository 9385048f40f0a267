package org.giggityflix.peer.upnp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * {@code UpnpSettingsTest} is responsible for proving that the metatype defaults are what DESIGN.md promises
 * (enabled, one-hour lease, 3 s discovery) and that bad values are corrected and reported, never thrown.
 */
class UpnpSettingsTest {

    @Test
    void defaults() {
        UpnpSettings s = Configs.settings(Map.of());
        assertTrue(s.enabled());
        assertEquals(3600, s.leaseSeconds());
        assertEquals(Duration.ofSeconds(3), s.discoveryTimeout());
        assertEquals("Giggityflix peer", s.description());
        assertEquals(Optional.empty(), s.networkInterface());
        assertEquals(Optional.empty(), s.gatewayAddress());
        assertTrue(s.problems().isEmpty());
    }

    @Test
    void badValuesAreCorrectedAndReported() {
        UpnpSettings s = Configs.settings(Map.of("leaseSeconds", -5, "discoveryTimeoutSec", 0,
                "description", " \u0000 ", "gatewayAddress", "router:99999"));
        assertEquals(3600, s.leaseSeconds());
        assertEquals(Duration.ofSeconds(1), s.discoveryTimeout());
        assertEquals("Giggityflix peer", s.description());
        assertEquals(Optional.empty(), s.gatewayAddress());
        assertEquals(List.of("leaseSeconds -5 is negative; using 3600",
                "discoveryTimeoutSec 0 is outside 1-30; using 1",
                "gatewayAddress 'router:99999' has a port outside 1-65535; searching by multicast"), s.problems());

        assertEquals(604800, Configs.settings(Map.of("leaseSeconds", 10_000_000)).leaseSeconds());
        assertEquals(30, Configs.settings(Map.of("discoveryTimeoutSec", 99)).discoveryTimeout().toSeconds());
    }

    @Test
    void aGatewayAddressTakesPort1900UnlessGiven() {
        assertEquals(Optional.of(InetSocketAddress.createUnresolved("192.168.1.1", 1900)),
                Configs.settings(Map.of("gatewayAddress", "192.168.1.1")).gatewayAddress());
        assertEquals(Optional.of(InetSocketAddress.createUnresolved("router.lan", 5000)),
                Configs.settings(Map.of("gatewayAddress", "router.lan:5000")).gatewayAddress());
    }
}
