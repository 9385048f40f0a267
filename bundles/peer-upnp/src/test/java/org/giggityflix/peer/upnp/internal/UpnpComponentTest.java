package org.giggityflix.peer.upnp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.giggityflix.peer.api.upnp.PortMapper;
import org.giggityflix.peer.api.upnp.PortMapperState;
import org.giggityflix.peer.testsupport.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;

/**
 * {@code UpnpComponentTest} is responsible for proving what other bundles see of the component: HTTP_PORT mapped
 * only while an HTTP runtime is registered, at the port pax-web's configuration names, following its changes; any
 * service's {@code upnp.ports} mapped while it is registered and removed when it goes; the {@code PortMapper}
 * service properties following the state and external address; and deactivation removing every mapping. OSGi is
 * stood in for by {@link FakeOsgi}, the router by {@link TestIgd}.
 */
class UpnpComponentTest {

    private static final String RUNTIME = "org.osgi.service.http.runtime.HttpServiceRuntime";

    private TestIgd igd;
    private FakeOsgi osgi;
    private UpnpComponent component;

    @BeforeEach
    void setUp() throws Exception {
        igd = new TestIgd();
        osgi = new FakeOsgi();
    }

    @AfterEach
    void tearDown() {
        if (component != null) {
            component.deactivate();
        }
        igd.close();
    }

    private void activate() throws Exception {
        component = new UpnpComponent(osgi.context, osgi.configAdmin, Configs.upnp(Map.of(
                "gatewayAddress", igd.ssdpAddress(), "discoveryTimeoutSec", 1)));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private ServiceReference<ConfigurationAdmin> configAdminReference() {
        return (ServiceReference) osgi.register("org.osgi.service.cm.ConfigurationAdmin", Map.of(),
                "org.apache.felix.configadmin").reference;
    }

    private void awaitMapped(String key) throws Exception {
        Await.until(() -> key + " mapped, table " + igd.mappings.keySet() + ", status " + component.status(),
                () -> igd.mappings.containsKey(key));
    }

    private void awaitGone(String key) throws Exception {
        Await.until(() -> key + " removed, table " + igd.mappings.keySet(), () -> !igd.mappings.containsKey(key));
    }

    @Test
    void httpPortIsMappedOnlyWhileTheWebServerRunsAndFollowsItsConfiguration() throws Exception {
        osgi.paxWeb = Map.of("org.osgi.service.http.port", "8181");
        activate();
        Await.until(() -> "upnp.state MAPPED, published " + osgi.published,
                () -> PortMapperState.MAPPED.name().equals(osgi.published.get(PortMapper.STATE_PROPERTY)));
        assertEquals("203.0.113.9", osgi.published.get(PortMapper.EXTERNAL_ADDRESS_PROPERTY));
        assertTrue(component.status().summary().contains("nothing to map"), component.status().summary());
        assertFalse(igd.mappings.containsKey("TCP:8181"), "no web server yet, nothing mapped");

        FakeOsgi.Registered runtime = osgi.register(RUNTIME, Map.of(), "org.ops4j.pax.web.pax-web-runtime");
        awaitMapped("TCP:8181");
        Await.until(() -> "8181 shown as mapped for http, status " + component.status(),
                () -> component.status().mappings().stream()
                        .anyMatch(m -> m.port() == 8181 && m.mapped() && m.requestedBy().equals("http")));

        osgi.paxWeb = Map.of("org.osgi.service.http.port", "8282");
        component.configurationEvent(new ConfigurationEvent(configAdminReference(), ConfigurationEvent.CM_UPDATED,
                null, UpnpConstants.PAX_WEB_PID));
        awaitMapped("TCP:8282");
        awaitGone("TCP:8181");

        runtime.unregister();
        awaitGone("TCP:8282");
    }

    @Test
    void portsAdvertisedByOtherServicesAreMappedWhileTheyAreRegistered() throws Exception {
        activate();
        FakeOsgi.Registered transport = osgi.register("org.example.Transport",
                Map.of(PortMapper.PORTS_PROPERTY, new String[] {"50000/udp", "8443"}), "org.example.transport");
        awaitMapped("UDP:50000");
        awaitMapped("TCP:8443");
        Await.until(() -> "50000 shown as mapped for org.example.transport, status " + component.status(),
                () -> component.status().mappings().stream().anyMatch(m -> m.port() == 50000 && m.mapped()
                        && m.requestedBy().equals("org.example.transport")));

        transport.setProperties(Map.of(PortMapper.PORTS_PROPERTY, "50000/udp"));
        awaitGone("TCP:8443");
        assertTrue(igd.mappings.containsKey("UDP:50000"));

        transport.unregister();
        awaitGone("UDP:50000");
    }

    @Test
    void deactivationRemovesEveryMapping() throws Exception {
        activate();
        osgi.register("org.example.Transport", Map.of(PortMapper.PORTS_PROPERTY, 50000), "org.example.transport");
        osgi.register(RUNTIME, Map.of(), "org.ops4j.pax.web.pax-web-runtime");
        awaitMapped("TCP:50000");
        awaitMapped("TCP:8080");

        component.deactivate();
        component = null;
        assertTrue(igd.mappings.isEmpty(), igd.mappings.toString());
    }

    @Test
    void turningItOffThroughTheConfigurationRemovesTheMappings() throws Exception {
        activate();
        osgi.register(RUNTIME, Map.of(), "org.ops4j.pax.web.pax-web-runtime");
        awaitMapped("TCP:8080");

        component.modified(Configs.upnp(Map.of("enabled", false, "gatewayAddress", igd.ssdpAddress())));
        awaitGone("TCP:8080");
        Await.until(() -> "upnp.state DISABLED, published " + osgi.published,
                () -> PortMapperState.DISABLED.name().equals(osgi.published.get(PortMapper.STATE_PROPERTY)));
        assertFalse(osgi.published.containsKey(PortMapper.EXTERNAL_ADDRESS_PROPERTY));
    }
}
