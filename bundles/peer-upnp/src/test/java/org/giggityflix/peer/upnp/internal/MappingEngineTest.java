package org.giggityflix.peer.upnp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.giggityflix.peer.api.upnp.PortMapperState;
import org.giggityflix.peer.api.upnp.PortMapping;
import org.giggityflix.peer.api.upnp.PortMappingStatus;
import org.giggityflix.peer.testsupport.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code MappingEngineTest} is responsible for proving what an owner sees of port mapping against a router that
 * speaks real SSDP and SOAP on loopback ({@link TestIgd}): ports mapped with the external address shown, leases
 * renewed, mappings removed on stop, when disabled and when no longer wanted, and for every way a router can fail
 * (silence, garbage, spoofing, refusal, hanging, only permanent leases, double NAT) a clear status line, no
 * exception, and a later retry that succeeds once the router behaves.
 */
class MappingEngineTest {

    private static final WantedPort HTTP = new WantedPort("TCP", 8080, "http");
    private static final WantedPort VOICE = new WantedPort("UDP", 50000, "org.example.voice");

    private TestIgd igd;
    private MappingEngine engine;

    @BeforeEach
    void setUp() throws Exception {
        igd = new TestIgd();
    }

    @AfterEach
    void tearDown() {
        if (engine != null) {
            engine.stop();
        }
        igd.close();
    }

    private MappingEngine start(Map<String, Object> config, List<WantedPort> ports) {
        Map<String, Object> properties = new HashMap<>(Map.of("gatewayAddress", igd.ssdpAddress(),
                "discoveryTimeoutSec", 1));
        properties.putAll(config);
        engine = new MappingEngine(Configs.settings(properties), Duration.ofMillis(200), Duration.ofSeconds(1),
                Clock.systemUTC(), status -> { });
        engine.start(ports, List.of());
        return engine;
    }

    private void awaitState(PortMapperState state) throws Exception {
        Await.until(() -> state + ", status is " + engine.status(), () -> engine.status().state() == state);
    }

    @Test
    void mapsTheWantedPortsAndShowsTheExternalAddress() throws Exception {
        start(Map.of(), List.of(HTTP, VOICE));
        awaitState(PortMapperState.MAPPED);

        TestIgd.Mapping http = igd.mappings.get("TCP:8080");
        assertEquals(new TestIgd.Mapping("TCP", 8080, "127.0.0.1", 8080, 3600, "Giggityflix peer"), http);
        assertEquals(50000, igd.mappings.get("UDP:50000").port());
        PortMappingStatus status = engine.status();
        assertEquals("203.0.113.9", status.externalAddress().orElseThrow());
        assertTrue(status.summary().startsWith("8080/tcp, 50000/udp mapped on Test router"), status.summary());
        assertTrue(status.summary().contains("external address 203.0.113.9"), status.summary());
        assertTrue(status.mappings().stream().allMatch(PortMapping::mapped));
        assertEquals("org.example.voice", status.mappings().get(1).requestedBy());
        assertTrue(status.mappings().get(0).expires().isPresent(), "a leased mapping says when it expires");
    }

    @Test
    void renewsEachLeaseBeforeItRunsOut() throws Exception {
        start(Map.of("leaseSeconds", 2), List.of(HTTP));
        awaitState(PortMapperState.MAPPED);

        Await.until("two renewals", () -> engine.status().mappings().get(0).renewals() >= 2);
        assertTrue(igd.count("AddPortMapping 8080 lease=2") >= 3, igd.actions.toString());
        assertEquals(PortMapperState.MAPPED, engine.status().state());
    }

    @Test
    void stopRemovesTheMappings() throws Exception {
        start(Map.of(), List.of(HTTP, VOICE));
        awaitState(PortMapperState.MAPPED);

        engine.stop();
        engine = null;

        assertTrue(igd.mappings.isEmpty(), igd.mappings.toString());
        assertEquals(2, igd.count("DeletePortMapping"));
    }

    @Test
    void turningItOffRemovesTheMappingsAndTurningItOnMapsAgain() throws Exception {
        start(Map.of(), List.of(HTTP));
        awaitState(PortMapperState.MAPPED);

        engine.reconfigure(Configs.settings(Map.of("enabled", false, "gatewayAddress", igd.ssdpAddress())));
        awaitState(PortMapperState.DISABLED);
        assertTrue(igd.mappings.isEmpty(), igd.mappings.toString());
        assertTrue(engine.status().summary().startsWith("off"), engine.status().summary());
        int searches = igd.searches.get();

        engine.reconfigure(Configs.settings(Map.of("gatewayAddress", igd.ssdpAddress(), "discoveryTimeoutSec", 1)));
        awaitState(PortMapperState.MAPPED);
        assertTrue(igd.mappings.containsKey("TCP:8080"));
        assertTrue(igd.searches.get() > searches, "searched again after being turned on");
    }

    @Test
    void aPortNoLongerWantedIsRemovedAndANewOneAdded() throws Exception {
        start(Map.of(), List.of(HTTP, VOICE));
        awaitState(PortMapperState.MAPPED);

        engine.want(List.of(HTTP, new WantedPort("TCP", 8443, "org.example.tls")), List.of());
        Await.until(() -> "8443 added and 50000 removed, table " + igd.mappings.keySet(),
                () -> igd.mappings.containsKey("TCP:8443") && !igd.mappings.containsKey("UDP:50000"));
        assertTrue(igd.mappings.containsKey("TCP:8080"));
    }

    @Test
    void noGatewayIsOneClearLineAndALaterSearchFindsOne() throws Exception {
        igd.ssdp = TestIgd.Ssdp.SILENT;
        start(Map.of(), List.of(HTTP));
        awaitState(PortMapperState.NO_GATEWAY);

        assertEquals("no UPnP gateway answered within 1 s", engine.status().summary());
        assertTrue(engine.status().nextAttempt().isPresent(), "a retry is scheduled");
        assertFalse(engine.status().mappings().get(0).mapped());

        igd.ssdp = TestIgd.Ssdp.ANSWER;
        awaitState(PortMapperState.MAPPED);
        assertTrue(igd.mappings.containsKey("TCP:8080"));
    }

    @Test
    void nothingListeningAtTheGatewayAddressIsNoGateway() throws Exception {
        int closedPort;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            closedPort = probe.getLocalPort();
        }
        engine = new MappingEngine(Configs.settings(Map.of("gatewayAddress", "127.0.0.1:" + closedPort,
                "discoveryTimeoutSec", 1)), Duration.ofSeconds(30), Duration.ofSeconds(1), Clock.systemUTC(), s -> { });
        engine.start(List.of(HTTP), List.of());
        awaitState(PortMapperState.NO_GATEWAY);
        assertEquals("no UPnP gateway answered within 1 s", engine.status().summary());
    }

    @Test
    void garbageAnswersAreIgnoredAndSaidSo() throws Exception {
        igd.ssdp = TestIgd.Ssdp.GARBAGE;
        start(Map.of(), List.of(HTTP));
        awaitState(PortMapperState.NO_GATEWAY);

        String summary = engine.status().summary();
        assertTrue(summary.startsWith("no UPnP gateway answered within 1 s (1 unusable answer ignored, e.g. "
                + "127.0.0.1: not an SSDP answer"), summary);
    }

    @Test
    void anAnswerPointingToAnotherHostIsNotFollowed() throws Exception {
        igd.ssdp = TestIgd.Ssdp.SPOOFED_LOCATION;
        start(Map.of(), List.of(HTTP));
        awaitState(PortMapperState.NO_GATEWAY);

        assertTrue(engine.status().summary().contains("is not on the sender 127.0.0.1"), engine.status().summary());
        assertEquals(0, igd.actions.size(), "nothing was fetched or posted");
    }

    @Test
    void aDescriptionThatIsNotXmlIsNamed() throws Exception {
        igd.description = TestIgd.Description.GARBAGE;
        start(Map.of(), List.of(HTTP));
        awaitState(PortMapperState.NO_GATEWAY);

        assertTrue(engine.status().summary().startsWith("gateway 127.0.0.1: its description is not acceptable XML"),
                engine.status().summary());
    }

    @Test
    void aDescriptionWithADoctypeIsRefusedBeforeAnyEntityIsRead() throws Exception {
        igd.description = TestIgd.Description.XXE;
        start(Map.of(), List.of(HTTP));
        awaitState(PortMapperState.NO_GATEWAY);

        assertEquals("gateway 127.0.0.1: its description is not acceptable XML: has a DOCTYPE, which is refused",
                engine.status().summary());
    }

    @Test
    void aDeviceWithoutPortMappingIsNotAGateway() throws Exception {
        igd.description = TestIgd.Description.NO_WAN_SERVICE;
        start(Map.of(), List.of(HTTP));
        awaitState(PortMapperState.NO_GATEWAY);

        assertEquals("gateway 127.0.0.1: it offers no WANIPConnection or WANPPPConnection service",
                engine.status().summary());
    }

    @Test
    void aRefusalIsShownWithItsCodeAndWhoHoldsThePortThenRetried() throws Exception {
        igd.occupy("TCP", 8080, "192.168.1.77");
        igd.refuseAdd = 718;
        start(Map.of(), List.of(HTTP, VOICE));
        awaitState(PortMapperState.REFUSED);

        PortMappingStatus status = engine.status();
        assertEquals("gateway refused the mapping: 718 ConflictInMappingEntry, the port goes to 192.168.1.77:8080"
                + " (8080/tcp) and 1 more", status.summary());
        assertEquals("203.0.113.9", status.externalAddress().orElseThrow(), "the gateway itself still answers");
        assertEquals("gateway refused the mapping: 718 ConflictInMappingEntry, the port goes to 192.168.1.77:8080",
                status.mappings().get(0).error().orElseThrow());

        igd.mappings.clear();
        igd.refuseAdd = null;
        awaitState(PortMapperState.MAPPED);
        assertEquals("127.0.0.1", igd.mappings.get("TCP:8080").client());
    }

    @Test
    void aGatewayThatAcceptsOnlyPermanentMappingsGetsOneAndItIsStillRemovedOnStop() throws Exception {
        igd.onlyPermanent = true;
        start(Map.of(), List.of(HTTP));
        awaitState(PortMapperState.MAPPED);

        assertEquals(0, igd.mappings.get("TCP:8080").lease());
        assertTrue(engine.status().summary().contains("permanent"), engine.status().summary());
        assertTrue(engine.status().mappings().get(0).expires().isEmpty());

        engine.stop();
        engine = null;
        assertTrue(igd.mappings.isEmpty());
    }

    @Test
    void aControlUrlThatNeverAnswersTimesOutWithALine() throws Exception {
        igd.hangSoap = true;
        start(Map.of(), List.of(HTTP));
        awaitState(PortMapperState.NO_GATEWAY);

        assertEquals("gateway 127.0.0.1: did not answer GetExternalIPAddress: no answer within 1 s",
                engine.status().summary());
    }

    @Test
    void aGatewayThatStopsAnsweringIsLetGoAndFoundAgain() throws Exception {
        start(Map.of("leaseSeconds", 2), List.of(HTTP));
        awaitState(PortMapperState.MAPPED);

        igd.garbageSoap = true;
        awaitState(PortMapperState.NO_GATEWAY);
        assertTrue(engine.status().summary().startsWith("gateway 127.0.0.1: answered garbage to "),
                engine.status().summary());
        assertFalse(engine.status().mappings().get(0).mapped());

        igd.garbageSoap = false;
        awaitState(PortMapperState.MAPPED);
    }

    @Test
    void aPrivateExternalAddressIsCalledOutAsDoubleNat() throws Exception {
        igd.externalAddress = "100.72.1.9";
        start(Map.of(), List.of(HTTP));
        awaitState(PortMapperState.MAPPED);

        assertTrue(engine.status().summary().contains("but 100.72.1.9 is not a public address"),
                engine.status().summary());
    }

    @Test
    void withNothingToMapTheGatewayAndAddressAreStillShown() throws Exception {
        start(Map.of(), List.of());
        awaitState(PortMapperState.MAPPED);

        assertTrue(engine.status().summary().startsWith("gateway Test router"), engine.status().summary());
        assertTrue(engine.status().summary().contains("nothing to map"), engine.status().summary());
        assertEquals(0, igd.count("AddPortMapping"));
    }
}
