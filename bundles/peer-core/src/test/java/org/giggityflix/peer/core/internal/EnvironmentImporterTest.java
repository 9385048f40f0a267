package org.giggityflix.peer.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * {@code EnvironmentImporterTest} is responsible for proving that each environment variable lands in the right
 * PID, property and type, and that unset or invalid ones are not written.
 */
class EnvironmentImporterTest {

    private final FakeConfigAdmin cm = new FakeConfigAdmin();
    private final EnvironmentImporter importer = new EnvironmentImporter(cm.admin(), EnvironmentVariables.ALL);

    @Test
    void everyDocumentedVariableMapsToItsPidPropertyAndType() {
        Map<String, String> env = new HashMap<>();
        env.put("PEER_ID", "peer-7");
        env.put("AUTO_GENERATE_ID", "false");
        env.put("DATA_DIR", "/srv/peer");
        env.put("MEDIA_DIRS", "/a,/b");
        env.put("INCLUDE_EXTENSIONS", ".mkv");
        env.put("EXCLUDE_DIRS", "tmp");
        env.put("SCAN_INTERVAL_MINUTES", " 15 ");
        env.put("HASH_ALGORITHMS", "sha256");
        env.put("EXTRACT_METADATA", "no");
        env.put("EDGE_GRPC_ADDRESS", "edge:50051");
        env.put("GRPC_RECONNECT_INTERVAL_SEC", "3");
        env.put("GRPC_MAX_RECONNECT_ATTEMPTS", "9");
        env.put("GRPC_HEARTBEAT_INTERVAL_SEC", "20");
        env.put("GRPC_TIMEOUT_SEC", "4");
        env.put("GRPC_USE_TLS", "TRUE");
        env.put("GRPC_CERT_PATH", "/c.pem");
        env.put("SCREENSHOT_CACHE_SIZE_MB", "250");
        env.put("HTTP_PORT", "8181");
        env.put("ENABLE_UPNP", "0");
        env.put("STUN_SERVERS", "stun:a:1");
        env.put("TURN_SERVERS", "turn:b:2");
        env.put("TURN_USERNAME", "u");
        env.put("TURN_PASSWORD", "p");
        env.put("WEBRTC_MAX_BANDWIDTH_KBPS", "2500");

        ImportResult result = importer.apply(env);

        assertEquals(EnvironmentVariables.ALL.size(), result.written().size(), "written " + result.written());
        assertEquals(List.of(), result.rejected());
        Hashtable<String, Object> peer = cm.stored.get("org.giggityflix.peer");
        assertEquals("peer-7", peer.get("peerId"));
        assertEquals(Boolean.FALSE, peer.get("autoGenerateId"));
        assertEquals("/srv/peer", peer.get("dataDir"));
        Hashtable<String, Object> scanner = cm.stored.get("org.giggityflix.peer.scanner");
        assertEquals("/a,/b", scanner.get("mediaDirs"));
        assertEquals(".mkv", scanner.get("includeExtensions"));
        assertEquals("tmp", scanner.get("excludeDirs"));
        assertEquals(15, scanner.get("scanIntervalMinutes"));
        assertEquals("sha256", scanner.get("hashAlgorithms"));
        assertEquals(Boolean.FALSE, scanner.get("extractMetadata"));
        Hashtable<String, Object> edge = cm.stored.get("org.giggityflix.peer.edge");
        assertEquals("edge:50051", edge.get("edgeAddress"));
        assertEquals(3, edge.get("reconnectIntervalSec"));
        assertEquals(9, edge.get("maxReconnectAttempts"));
        assertEquals(20, edge.get("heartbeatIntervalSec"));
        assertEquals(4, edge.get("timeoutSec"));
        assertEquals(Boolean.TRUE, edge.get("useTls"));
        assertEquals("/c.pem", edge.get("certPath"));
        assertEquals(250, cm.stored.get("org.giggityflix.peer.screenshots").get("cacheSizeMb"));
        assertEquals("8181", cm.stored.get("org.ops4j.pax.web").get("org.osgi.service.http.port"));
        assertEquals(Boolean.FALSE, cm.stored.get("org.giggityflix.peer.upnp").get("enabled"));
        Hashtable<String, Object> webrtc = cm.stored.get("org.giggityflix.peer.webrtc");
        assertEquals("stun:a:1", webrtc.get("stunServers"));
        assertEquals("turn:b:2", webrtc.get("turnServers"));
        assertEquals("u", webrtc.get("turnUsername"));
        assertEquals("p", webrtc.get("turnPassword"));
        assertEquals(2500, webrtc.get("maxBandwidthKbps"));
        assertEquals("?", cm.locations.get("org.giggityflix.peer"), "multi-location binding");
        cm.updates.values().forEach(n -> assertEquals(1, n, "one update per PID"));
    }

    @Test
    void tableHasOneRowPerVariableAndCoversTheDocs() {
        Set<String> names = new HashSet<>();
        EnvironmentVariables.ALL.forEach(s -> assertTrue(names.add(s.variable()), "duplicate " + s.variable()));
        assertEquals(24, names.size());
    }

    @Test
    void unsetAndBlankVariablesLeaveConfigurationAlone() {
        cm.stored.put("org.giggityflix.peer.scanner", new Hashtable<>(Map.of("mediaDirs", "/keep")));

        ImportResult result = importer.apply(Map.of("MEDIA_DIRS", "  ", "UNRELATED", "x"));

        assertTrue(result.written().isEmpty());
        assertTrue(cm.updates.isEmpty(), "nothing updated: " + cm.updates);
        assertEquals("/keep", cm.stored.get("org.giggityflix.peer.scanner").get("mediaDirs"));
        assertFalse(cm.stored.containsKey("org.giggityflix.peer"));
    }

    @Test
    void invalidNumbersAndBooleansAreRejectedNotWritten() {
        ImportResult result = importer.apply(Map.of(
                "SCAN_INTERVAL_MINUTES", "abc",
                "GRPC_TIMEOUT_SEC", "-1",
                "HTTP_PORT", "70000",
                "GRPC_USE_TLS", "maybe",
                "HASH_ALGORITHMS", "md5"));

        assertEquals(List.of("HASH_ALGORITHMS"), result.written());
        assertEquals(4, result.rejected().size(), result.rejected().toString());
        assertTrue(result.rejected().stream().anyMatch(l -> l.startsWith("SCAN_INTERVAL_MINUTES=abc is not a whole")),
                result.rejected().toString());
        assertNull(cm.stored.get("org.giggityflix.peer.scanner").get("scanIntervalMinutes"));
        assertFalse(cm.stored.containsKey("org.giggityflix.peer.edge"));
        assertFalse(cm.stored.containsKey("org.ops4j.pax.web"));
    }

    @Test
    void equalValuesDoNotUpdateSoNothingRestarts() {
        // As Felix fileinstall stores them from etc/*.cfg: text.
        cm.stored.put("org.giggityflix.peer.scanner",
                new Hashtable<>(Map.of("scanIntervalMinutes", "60", "extractMetadata", "true")));

        ImportResult result = importer.apply(Map.of("SCAN_INTERVAL_MINUTES", "60", "EXTRACT_METADATA", "true"));

        assertTrue(result.written().isEmpty());
        assertEquals(2, result.unchanged().size());
        assertTrue(cm.updates.isEmpty());
    }

    @Test
    void onlyDifferingPropertiesChangeAndOthersAreKept() {
        cm.stored.put("org.giggityflix.peer.scanner",
                new Hashtable<>(Map.of("scanIntervalMinutes", 60, "watchEnabled", false)));

        importer.apply(Map.of("SCAN_INTERVAL_MINUTES", "5"));

        Hashtable<String, Object> scanner = cm.stored.get("org.giggityflix.peer.scanner");
        assertEquals(5, scanner.get("scanIntervalMinutes"));
        assertEquals(false, scanner.get("watchEnabled"));
        assertEquals(1, cm.updates.get("org.giggityflix.peer.scanner"));
    }

    @Test
    void secretValuesStayOutOfRejectionMessages() {
        EnvironmentImporter strict = new EnvironmentImporter(cm.admin(), List.of(
                new EnvSetting("X_SECRET", "pid", "p", ValueType.COUNT, true)));

        ImportResult result = strict.apply(Map.of("X_SECRET", "hunter2"));

        assertFalse(result.rejected().get(0).contains("hunter2"), result.rejected().get(0));
    }

    @Test
    void componentReadsTheInjectedEnvironment() {
        new EnvironmentSettings(cm.admin(), Map.of("PEER_ID", "from-env"));

        assertEquals("from-env", cm.stored.get("org.giggityflix.peer").get("peerId"));
    }
}
