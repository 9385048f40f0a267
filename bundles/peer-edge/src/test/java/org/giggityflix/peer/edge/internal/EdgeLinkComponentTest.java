package org.giggityflix.peer.edge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.giggityflix.peer.api.PeerIdentity;
import org.giggityflix.peer.api.edge.EdgeLink;
import org.giggityflix.peer.api.edge.EdgeState;
import org.giggityflix.peer.proto.FileDeleteResponse;
import org.giggityflix.peer.testedge.PeerConnection;
import org.giggityflix.peer.testedge.TestEdge;
import org.giggityflix.peer.testsupport.Await;
import org.giggityflix.peer.testsupport.InMemoryCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * {@code EdgeLinkComponentTest} is responsible for proving what the shell and other bundles see of the component:
 * an {@link EdgeLink} service whose {@code edge.state} / {@code edge.address} properties follow the link, a
 * configuration change that moves the link to a new address without a restart, and catalog changes passed on.
 * OSGi is stood in for by a recording {@link BundleContext}.
 */
class EdgeLinkComponentTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    private final List<Map<String, Object>> published = new CopyOnWriteArrayList<>();
    private InMemoryCatalog catalog;
    private TestEdge edge;
    private EdgeLinkComponent component;

    @BeforeEach
    void setUp() throws Exception {
        catalog = new InMemoryCatalog();
        Path media = Files.createDirectories(dir.resolve("media"));
        Files.writeString(media.resolve("a.mkv"), "a");
        catalog.add(media, "a.mkv", 1);
        edge = TestEdge.start(0);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (component != null) {
            component.deactivate();
        }
        edge.close();
    }

    @Test
    void publishesTheLinkWithStateAndAddressPropertiesThatFollowIt() throws Exception {
        component = activate(Map.of("edgeAddress", edge.address()));
        catalog.listen(component);

        edge.awaitPeer("component-peer", WAIT);
        Await.until("edge.state=CONNECTED",
                () -> last().get(EdgeLink.STATE_PROPERTY).equals(EdgeState.CONNECTED.name()));
        assertEquals(edge.address(), last().get(EdgeLink.ADDRESS_PROPERTY));

        component.disconnect();
        Await.until("edge.state=DISCONNECTED",
                () -> last().get(EdgeLink.STATE_PROPERTY).equals(EdgeState.DISCONNECTED.name()));
        Await.until("the Edge to see the peer leave", () -> edge.peer("component-peer").isEmpty());
    }

    @Test
    void aNewAddressInTheConfigurationMovesTheLinkWithoutRestart() throws Exception {
        component = activate(Map.of("edgeAddress", edge.address()));
        edge.awaitPeer("component-peer", WAIT);

        try (TestEdge moved = TestEdge.start(0)) {
            component.modified(config(Map.of("edgeAddress", moved.address())), Map.of("edgeAddress", moved.address()));

            moved.awaitPeer("component-peer", WAIT);
            Await.until("the old Edge to lose the peer", () -> edge.peer("component-peer").isEmpty());
            Await.until("edge.address updated",
                    () -> moved.address().equals(last().get(EdgeLink.ADDRESS_PROPERTY)));
            assertEquals(moved.address(), component.address());
        }
    }

    /**
     * Issue 17.5: a configuration update just after start (the environment import, a settings form saved as it was)
     * cut the link the Edge was talking on, and a request in flight got no answer or a refusal. An update that names
     * the same link keeps the stream; one that changes only what the Edge may do applies to it live.
     */
    @Test
    void anUpdateThatKeepsTheLinkNeitherReconnectsNorLosesARequest() throws Exception {
        Map<String, Object> values = Map.of("edgeAddress", edge.address());
        component = activate(values);
        PeerConnection peer = edge.awaitPeer("component-peer", WAIT);
        Await.until("the first offer answered", () -> catalog.listWithoutCatalogId().isEmpty());
        String catalogId = edge.catalogIdFor("component-peer", "a.mkv");

        String request = peer.hash(catalogId, "md5");
        component.modified(config(values), values);
        Map<String, Object> changed = Map.of("edgeAddress", edge.address(), "allowDelete", true,
                "maxConcurrentRequests", 2);
        component.modified(config(changed), changed);

        assertTrue(peer.awaitResponse(request, WAIT).getFileHashResponse().getSuccess());
        FileDeleteResponse deleted = peer.awaitResponse(peer.delete(catalogId), WAIT).getFileDeleteResponse();
        assertTrue(deleted.getSuccess(), "allowDelete applied to the running link: " + deleted.getErrorMessage());
        assertFalse(Files.exists(dir.resolve("media/a.mkv")));
        assertTrue(peer.isOpen());
        assertEquals(1, edge.acceptedStreams(), "one stream all along");
    }

    @Test
    void catalogChangesReachTheEdge() throws Exception {
        component = activate(Map.of("edgeAddress", edge.address()));
        catalog.listen(component);
        edge.awaitPeer("component-peer", WAIT);
        Await.until("the first offer answered", () -> catalog.listWithoutCatalogId().isEmpty());

        Files.writeString(dir.resolve("media/b.mkv"), "b");
        catalog.add(dir.resolve("media"), "b.mkv", 1);

        Await.until("the new file cataloged", () -> catalog.listWithoutCatalogId().isEmpty());
        assertTrue(edge.offeredFiles().stream().anyMatch(f -> f.getRelativePath().equals("b.mkv")));
    }

    private EdgeLinkComponent activate(Map<String, Object> values) {
        PeerIdentity identity = new PeerIdentity() {
            @Override
            public String peerId() {
                return "component-peer";
            }

            @Override
            public Path dataDir() {
                return dir;
            }
        };
        return new EdgeLinkComponent(catalog, catalog, new SimpleHasher(catalog), identity, recordingContext(),
                config(values), values);
    }

    @Test
    void settingsOfTheUnaryWebRtcServerLeftUnderTheEdgePidAreNamedForTheWarning() {
        assertEquals(List.of("webrtcServerEnabled", "webrtcServerPort"), EdgeLinkComponent.movedSettings(
                Map.of("edgeAddress", "edge:50051", "webrtcServerPort", 50052, "webrtcServerEnabled", true)));
        assertTrue(EdgeLinkComponent.movedSettings(Map.of("edgeAddress", "edge:50051")).isEmpty());
    }

    private Map<String, Object> last() {
        return published.get(published.size() - 1);
    }

    /** The configuration as DS would hand it over: given values, metatype defaults for the rest. */
    private static EdgeConfig config(Map<String, Object> values) {
        return (EdgeConfig) Proxy.newProxyInstance(EdgeConfig.class.getClassLoader(), new Class<?>[] {EdgeConfig.class},
                (proxy, method, args) -> values.getOrDefault(method.getName(), method.getDefaultValue()));
    }

    private BundleContext recordingContext() {
        ServiceRegistration<?> registration = (ServiceRegistration<?>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class}, (proxy, method, args) -> {
                    if (method.getName().equals("setProperties")) {
                        record((Dictionary<?, ?>) args[0]);
                    }
                    return null;
                });
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("registerService")) {
                        assertEquals(EdgeLink.class, args[0]);
                        record((Dictionary<?, ?>) args[2]);
                        return registration;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private void record(Dictionary<?, ?> properties) {
        Map<String, Object> copy = new HashMap<>();
        for (var keys = properties.keys(); keys.hasMoreElements(); ) {
            Object key = keys.nextElement();
            copy.put(key.toString(), properties.get(key));
        }
        published.add(copy);
    }

}
