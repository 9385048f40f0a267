package org.giggityflix.peer.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.edge.EdgeLink;
import org.giggityflix.peer.api.edge.EdgeState;
import org.giggityflix.peer.api.scan.MediaScanner;
import org.giggityflix.peer.api.scan.ScanProgress;
import org.giggityflix.peer.api.scan.ScanStatus;
import org.giggityflix.peer.api.stream.StreamSession;
import org.giggityflix.peer.api.stream.StreamingTransport;

/**
 * {@code SystemResource} is responsible for what describes the peer to machines: {@code GET openapi.json}, and
 * {@code /health} and {@code /metrics} (Prometheus text), which {@code SystemServlet} serves outside {@code /api/v1}.
 */
final class SystemResource {

    private final Backend backend;
    private final WebSecurity security;
    private final Clock clock;

    SystemResource(Backend backend, WebSecurity security, Clock clock) {
        this.backend = backend;
        this.security = security;
        this.clock = clock;
    }

    static ApiResponse openApi() {
        try (InputStream in = SystemResource.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                return ApiResponse.error(500, "openapi.json is missing from the bundle.");
            }
            return new ApiResponse(200, WebConstants.JSON, in.readAllBytes(), new LinkedHashMap<>());
        } catch (IOException e) {
            return ApiResponse.error(500, e.getMessage());
        }
    }

    /** ok when the catalog and scanner run and the Edge is connected; degraded otherwise. No paths, ids or errors. */
    ApiResponse health() {
        Map<String, Object> components = new LinkedHashMap<>();
        boolean catalogUp;
        try {
            catalogUp = backend.catalog().map(c -> {
                c.countByStatus();
                return true;
            }).orElse(false);
        } catch (RuntimeException e) {
            catalogUp = false;
        }
        components.put("catalog", catalogUp ? "up" : "down");
        components.put("scanner", backend.scanner().isPresent() ? "up" : "down");
        String edge = backend.edge().map(e -> e.state().name().toLowerCase(Locale.ROOT)).orElse("down");
        components.put("edge", edge);
        components.put("web", "up");
        boolean ok = catalogUp && backend.scanner().isPresent() && edge.equals("connected");
        return ApiResponse.json(200, Json.obj("status", ok ? "ok" : "degraded", "components", components,
                "time", Instant.now(clock)));
    }

    /** Prometheus text exposition (version 0.0.4). */
    ApiResponse metrics() {
        StringBuilder m = new StringBuilder(1024);
        Optional<Map<MediaStatus, Long>> counts = StatusResource.counts(backend);
        m.append("# HELP giggityflix_files Cataloged files by status.\n# TYPE giggityflix_files gauge\n");
        for (MediaStatus s : MediaStatus.values()) {
            m.append("giggityflix_files{status=\"").append(s.name().toLowerCase(Locale.ROOT)).append("\"} ")
                    .append(counts.map(c -> c.getOrDefault(s, 0L)).orElse(0L)).append('\n');
        }
        m.append("# HELP giggityflix_catalog_up Whether the catalog answers.\n# TYPE giggityflix_catalog_up gauge\n")
                .append("giggityflix_catalog_up ").append(counts.isPresent() ? 1 : 0).append('\n');
        Optional<ScanStatus> scan = backend.scanner().map(MediaScanner::status);
        m.append("# HELP giggityflix_scan_running Whether a scan runs now.\n# TYPE giggityflix_scan_running gauge\n")
                .append("giggityflix_scan_running ").append(scan.map(s -> s.running() ? 1 : 0).orElse(0)).append('\n');
        m.append("# HELP giggityflix_last_scan_duration_seconds Duration of the last finished scan.\n")
                .append("# TYPE giggityflix_last_scan_duration_seconds gauge\n")
                .append("giggityflix_last_scan_duration_seconds ")
                .append(scan.flatMap(ScanStatus::last).map(r -> Duration.between(r.totals().started(), r.finished())
                        .toMillis() / 1000.0).orElse(0.0)).append('\n');
        m.append("# HELP giggityflix_last_scan_bytes_hashed Bytes read for hashing by the last finished scan.\n")
                .append("# TYPE giggityflix_last_scan_bytes_hashed gauge\n")
                .append("giggityflix_last_scan_bytes_hashed ")
                .append(scan.flatMap(ScanStatus::last).map(r -> r.totals().bytesHashed()).orElse(0L)).append('\n');
        m.append("# HELP giggityflix_scan_bytes_hashed Bytes hashed by the running scan so far.\n")
                .append("# TYPE giggityflix_scan_bytes_hashed gauge\n")
                .append("giggityflix_scan_bytes_hashed ")
                .append(scan.flatMap(ScanStatus::current).map(ScanProgress::bytesHashed).orElse(0L)).append('\n');
        Optional<EdgeState> edge = backend.edge().map(EdgeLink::state);
        m.append("# HELP giggityflix_edge_state The Edge link's state (1 for the current one).\n")
                .append("# TYPE giggityflix_edge_state gauge\n");
        for (EdgeState s : EdgeState.values()) {
            m.append("giggityflix_edge_state{state=\"").append(s.name().toLowerCase(Locale.ROOT)).append("\"} ")
                    .append(edge.map(e -> e == s ? 1 : 0).orElse(0)).append('\n');
        }
        m.append("# HELP giggityflix_stream_sessions Streaming sessions running now, by transport.\n")
                .append("# TYPE giggityflix_stream_sessions gauge\n");
        List<StreamSession> streaming = new ArrayList<>();
        for (StreamingTransport t : backend.transports()) {
            List<StreamSession> ofT = StreamsResource.sessionsOf(t);
            streaming.addAll(ofT);
            m.append("giggityflix_stream_sessions{transport=\"").append(label(t.name())).append("\"} ")
                    .append(ofT.size()).append('\n');
        }
        StreamFigures.metrics(m, streaming);
        m.append("# HELP giggityflix_web_sessions Signed-in web sessions.\n# TYPE giggityflix_web_sessions gauge\n")
                .append("giggityflix_web_sessions ").append(security.sessionCount()).append('\n');
        JvmMetrics.append(m, java.nio.file.Path.of("/proc/self/status"));
        return new ApiResponse(200, "text/plain; version=0.0.4; charset=utf-8",
                m.toString().getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
    }

    private static String label(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
