package org.giggityflix.peer.core.internal;

import static org.giggityflix.peer.core.internal.ValueType.BOOLEAN;
import static org.giggityflix.peer.core.internal.ValueType.COUNT;
import static org.giggityflix.peer.core.internal.ValueType.PORT;
import static org.giggityflix.peer.core.internal.ValueType.TEXT;

import java.util.List;

/**
 * {@code EnvironmentVariables} is responsible for the one table of the original peer's environment variables
 * and where each lands in ConfigAdmin (docs/configuration.md describes the same table for people).
 */
final class EnvironmentVariables {

    static final String SCANNER = "org.giggityflix.peer.scanner";
    static final String EDGE = "org.giggityflix.peer.edge";
    static final String SCREENSHOTS = "org.giggityflix.peer.screenshots";
    static final String PAX_WEB = "org.ops4j.pax.web";
    static final String UPNP = "org.giggityflix.peer.upnp";
    static final String WEBRTC = "org.giggityflix.peer.webrtc";

    static final List<EnvSetting> ALL = List.of(
            EnvSetting.of("PEER_ID", CoreConstants.PEER_PID, "peerId", TEXT),
            EnvSetting.of("AUTO_GENERATE_ID", CoreConstants.PEER_PID, "autoGenerateId", BOOLEAN),
            EnvSetting.of("DATA_DIR", CoreConstants.PEER_PID, "dataDir", TEXT),
            EnvSetting.of("MEDIA_DIRS", SCANNER, "mediaDirs", TEXT),
            EnvSetting.of("INCLUDE_EXTENSIONS", SCANNER, "includeExtensions", TEXT),
            EnvSetting.of("EXCLUDE_DIRS", SCANNER, "excludeDirs", TEXT),
            EnvSetting.of("SCAN_INTERVAL_MINUTES", SCANNER, "scanIntervalMinutes", COUNT),
            EnvSetting.of("HASH_ALGORITHMS", SCANNER, "hashAlgorithms", TEXT),
            EnvSetting.of("EXTRACT_METADATA", SCANNER, "extractMetadata", BOOLEAN),
            EnvSetting.of("EDGE_GRPC_ADDRESS", EDGE, "edgeAddress", TEXT),
            EnvSetting.of("GRPC_RECONNECT_INTERVAL_SEC", EDGE, "reconnectIntervalSec", COUNT),
            EnvSetting.of("GRPC_MAX_RECONNECT_ATTEMPTS", EDGE, "maxReconnectAttempts", COUNT),
            EnvSetting.of("GRPC_HEARTBEAT_INTERVAL_SEC", EDGE, "heartbeatIntervalSec", COUNT),
            EnvSetting.of("GRPC_TIMEOUT_SEC", EDGE, "timeoutSec", COUNT),
            EnvSetting.of("GRPC_USE_TLS", EDGE, "useTls", BOOLEAN),
            EnvSetting.of("GRPC_CERT_PATH", EDGE, "certPath", TEXT),
            EnvSetting.of("SCREENSHOT_CACHE_SIZE_MB", SCREENSHOTS, "cacheSizeMb", COUNT),
            EnvSetting.of("HTTP_PORT", PAX_WEB, "org.osgi.service.http.port", PORT),
            EnvSetting.of("ENABLE_UPNP", UPNP, "enabled", BOOLEAN),
            EnvSetting.of("STUN_SERVERS", WEBRTC, "stunServers", TEXT),
            EnvSetting.of("TURN_SERVERS", WEBRTC, "turnServers", TEXT),
            EnvSetting.of("TURN_USERNAME", WEBRTC, "turnUsername", TEXT),
            EnvSetting.secret("TURN_PASSWORD", WEBRTC, "turnPassword"),
            EnvSetting.of("WEBRTC_MAX_BANDWIDTH_KBPS", WEBRTC, "maxBandwidthKbps", COUNT));

    private EnvironmentVariables() {
    }
}
