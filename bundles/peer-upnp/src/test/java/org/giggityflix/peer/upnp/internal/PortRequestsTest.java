package org.giggityflix.peer.upnp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * {@code PortRequestsTest} is responsible for proving which ports are mapped: HTTP_PORT from pax-web's configuration
 * (text or number, default 8080) unless HTTP is off or listens on loopback only, plus every form of
 * {@code upnp.ports} other components may use, with bad entries reported and the good ones kept.
 */
class PortRequestsTest {

    @Test
    void httpPortComesFromPaxWebOrItsDefault() {
        assertEquals(Optional.of(8080), PortRequests.http(Map.of()).port());
        assertEquals(Optional.of(9090), PortRequests.http(Map.of("org.osgi.service.http.port", "9090")).port());
        assertEquals(Optional.of(9091), PortRequests.http(Map.of("org.osgi.service.http.port", 9091)).port());
        assertEquals(Optional.of(9092), PortRequests.http(Map.of("org.osgi.service.http.port", "9092",
                "org.ops4j.pax.web.listening.addresses", "0.0.0.0")).port());
    }

    @Test
    void httpIsNotMappedWhenOffOrOnLoopbackOnlyOrNotAPort() {
        assertEquals(new PortRequests.Http(Optional.empty(), Optional.empty()),
                PortRequests.http(Map.of("org.osgi.service.http.enabled", "false")));
        PortRequests.Http loopback = PortRequests.http(Map.of("org.ops4j.pax.web.listening.addresses",
                "127.0.0.1, ::1"));
        assertEquals(Optional.empty(), loopback.port());
        assertEquals("the web server listens on 127.0.0.1, ::1 only (org.ops4j.pax.web.listening.addresses), so"
                + " HTTP_PORT is not mapped", loopback.note().orElseThrow());
        PortRequests.Http bad = PortRequests.http(Map.of("org.osgi.service.http.port", "80a"));
        assertEquals(Optional.empty(), bad.port());
        assertEquals("HTTP_PORT '80a' is not a port, so it is not mapped", bad.note().orElseThrow());
        assertEquals(Optional.empty(), PortRequests.http(Map.of("org.osgi.service.http.port", "70000")).port());
    }

    @Test
    void everyFormOfUpnpPortsIsRead() {
        PortRequests.Wanted wanted = PortRequests.wanted(Optional.of(8080), List.of(
                new PortRequests.Ask(50000, "a"),
                new PortRequests.Ask(new int[] {50001, 50002}, "b"),
                new PortRequests.Ask("8443/tcp, 3478/UDP", "c"),
                new PortRequests.Ask(new String[] {"5000/udp"}, "d"),
                new PortRequests.Ask(List.of("6000", 6001), "e")));
        assertEquals(List.of("8080/tcp http", "50000/tcp a", "50001/tcp b", "50002/tcp b", "8443/tcp c",
                "3478/udp c", "5000/udp d", "6000/tcp e", "6001/tcp e"),
                wanted.ports().stream().map(p -> p.label() + " " + p.requestedBy()).toList());
        assertTrue(wanted.problems().isEmpty());
    }

    @Test
    void theSamePortAskedTwiceIsMappedOnceAndBadEntriesAreReported() {
        PortRequests.Wanted wanted = PortRequests.wanted(Optional.of(8080), List.of(
                new PortRequests.Ask("8080, 0, 65536, 9000/sctp, http, 9001", "org.example.x")));
        assertEquals(List.of("8080/tcp http", "9001/tcp org.example.x"),
                wanted.ports().stream().map(p -> p.label() + " " + p.requestedBy()).toList());
        assertEquals(List.of("org.example.x: upnp.ports entry '0' is outside 1-65535",
                "org.example.x: upnp.ports entry '65536' is outside 1-65535",
                "org.example.x: upnp.ports entry '9000/sctp' has protocol 'SCTP' (tcp or udp)",
                "org.example.x: upnp.ports entry 'http' is not a port number"), wanted.problems());
    }
}
