package org.giggityflix.peer.upnp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.giggityflix.peer.api.upnp.PortMapperState;
import org.giggityflix.peer.testsupport.Await;
import org.giggityflix.peer.testsupport.Tools;
import org.giggityflix.peer.testsupport.Tools.Tool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code MiniupnpdEndToEndTest} is responsible for proving port mapping against a real router: Debian's miniupnpd
 * (nftables) in a network namespace this test creates, found by a real multicast M-SEARCH sent only through the
 * test's own veth. It checks the router's NAT table and lease file: the mapping is added, renewed before its lease
 * ends (so it outlives the first lease), removed when turned off and on stop; a port the router's rules forbid is
 * reported with the router's own error while the rest map; a router that goes away is reported and found again.
 *
 * <p>Skipped only when not root or without {@code ip}; miniupnpd and nft missing is a failure naming the packages.
 */
class MiniupnpdEndToEndTest {

    private static final WantedPort HTTP = new WantedPort("TCP", 58080, "http");
    private static final WantedPort VOICE = new WantedPort("UDP", 58090, "org.example.voice");
    private static final WantedPort FORBIDDEN = new WantedPort("TCP", 58081, "org.example.denied");

    @TempDir
    static Path dir;
    private static RouterNamespace router;
    private MappingEngine engine;

    @BeforeAll
    static void createRouter() throws Exception {
        assumeTrue(Tools.present(Tool.NAMESPACES, Tool.MINIUPNPD),
                () -> "miniupnpd end-to-end test skipped: needs " + Tools.missing(Tool.NAMESPACES, Tool.MINIUPNPD));
        router = RouterNamespace.create(dir);
    }

    @AfterAll
    static void removeRouter() {
        if (router != null) {
            router.close();
        }
    }

    @BeforeEach
    void startDaemon() throws Exception {
        router.startDaemon();
    }

    @AfterEach
    void stopAll() throws Exception {
        if (engine != null) {
            engine.stop();
        }
        router.stopDaemon();
        router.flushRules();
    }

    private MappingEngine start(List<WantedPort> ports) {
        Map<String, Object> config = new HashMap<>(Map.of("networkInterface", router.hostVeth,
                "discoveryTimeoutSec", 2, "leaseSeconds", 6, "description", "gfx e2e"));
        engine = new MappingEngine(Configs.settings(config), Duration.ofMillis(500), Duration.ofSeconds(3),
                Clock.systemUTC(), status -> { });
        engine.start(ports, List.of());
        return engine;
    }

    private void awaitState(PortMapperState state) throws Exception {
        Await.until(() -> state + ", status is " + engine.status() + "\nminiupnpd: " + log(),
                () -> engine.status().state() == state);
    }

    private String log() {
        try {
            return router.daemonLog();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private String dnat(int port) {
        return "dport " + port + " dnat ip to " + router.hostAddress + ":" + port;
    }

    private long leaseExpiry(String protocol, int port) {
        try {
            String lease = router.lease(protocol, port);
            return lease == null ? -1 : expiry(lease);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String natRules() {
        try {
            return router.natRules();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static long expiry(String lease) {
        return Long.parseLong(lease.split(":")[4]);
    }

    @Test
    void theMappingIsAddedRenewedAndRemovedOnTheRouter() throws Exception {
        start(List.of(HTTP, VOICE));
        awaitState(PortMapperState.MAPPED);

        assertEquals(RouterNamespace.EXTERNAL_ADDRESS, engine.status().externalAddress().orElseThrow());
        String rules = router.natRules();
        assertTrue(rules.contains(dnat(58080)), rules);
        assertTrue(rules.contains(dnat(58090)), rules);
        String lease = router.lease("TCP", 58080);
        assertNotNull(lease, "miniupnpd holds a lease for 58080");
        assertTrue(lease.startsWith("TCP:58080:" + router.hostAddress + ":58080:") && lease.endsWith(":gfx e2e"),
                lease);

        // Renewed: the router's expiry moves forward, and the mapping is still there after the first lease ended.
        long firstExpiry = expiry(lease);
        Await.until(() -> "a renewal moving the expiry past " + firstExpiry,
                () -> leaseExpiry("TCP", 58080) > firstExpiry);
        Await.until("the first lease to end", () -> Instant.now().getEpochSecond() > firstExpiry + 1);
        Await.until(() -> "still mapped after the first lease ended: " + natRules() + "\nengine: " + engine.status()
                + "\nminiupnpd: " + log(), () -> natRules().contains(dnat(58080)));
        assertTrue(engine.status().mappings().get(0).renewals() >= 1);

        // Turned off: the router forgets both.
        engine.reconfigure(Configs.settings(Map.of("enabled", false, "networkInterface", router.hostVeth)));
        awaitState(PortMapperState.DISABLED);
        // Only this test's ports: another peer running on this machine may find the test router too.
        rules = router.natRules();
        assertFalse(rules.contains("dport 58080 ") || rules.contains("dport 58090 "), rules);
        assertNull(router.lease("TCP", 58080));
        assertNull(router.lease("UDP", 58090));
    }

    @Test
    void aPortTheRouterForbidsIsReportedWhileTheOthersMapAndStopRemovesThem() throws Exception {
        start(List.of(HTTP, FORBIDDEN));
        awaitState(PortMapperState.REFUSED);

        assertEquals("gateway refused the mapping: 606 ActionNotAuthorized (58081/tcp)", engine.status().summary());
        String rules = router.natRules();
        assertTrue(rules.contains(dnat(58080)), rules);
        assertFalse(rules.contains("dport 58081"), rules);

        engine.stop();
        engine = null;
        rules = router.natRules();
        assertFalse(rules.contains("dport 58080 "), rules);
    }

    @Test
    void aRouterThatGoesAwayIsReportedAndFoundAgainWhenItReturns() throws Exception {
        start(List.of(HTTP));
        awaitState(PortMapperState.MAPPED);

        router.stopDaemon();
        router.flushRules();
        Await.until(() -> "the search to fail, status is " + engine.status(),
                () -> engine.status().summary().equals("no UPnP gateway answered within 2 s"));
        assertFalse(engine.status().mappings().get(0).mapped());

        router.startDaemon();
        awaitState(PortMapperState.MAPPED);
        assertTrue(router.natRules().contains(dnat(58080)), "mapped again by the peer after the router returned");
    }
}
