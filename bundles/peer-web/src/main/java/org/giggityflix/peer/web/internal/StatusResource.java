package org.giggityflix.peer.web.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.stream.StreamingTransport;
import org.giggityflix.peer.api.web.WebAccess;

/**
 * {@code StatusResource} is responsible for {@code GET status}, the dashboard's one call: peer id, DATA_DIR, the Edge
 * link, files by status, the scanner, streams, which components run, and the web faces.
 */
final class StatusResource {

    private final Backend backend;
    private final ScanResource scans;

    StatusResource(Backend backend, ScanResource scans) {
        this.backend = backend;
        this.scans = scans;
    }

    ApiResponse handle(ApiRequest r) {
        return r.segments().size() == 1 && ApiSupport.reads(r) ? status() : ApiSupport.notAllowed();
    }

    private ApiResponse status() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("peerId", backend.identity().map(i -> i.peerId()));
        out.put("dataDir", backend.identity().map(i -> i.dataDir().toString()));
        out.put("edge", backend.edge().map(e -> EdgeResource.json(e.status())));
        Optional<Map<MediaStatus, Long>> counts = counts(backend);
        out.put("counts", counts.map(StatusResource::countsJson));
        out.put("scan", backend.scanner().map(s -> scans.json(s.status())));
        out.put("streams", backend.transports().stream().mapToInt(t -> StreamsResource.sessionsOf(t).size()).sum());
        out.put("components", components());
        out.put("web", backend.webAccess().map(w -> webJson(w.status())));
        return ApiResponse.ok(out);
    }

    /** Ports, the HTTPS certificate's fingerprint (to compare with the browser's) and the faces. */
    static Map<String, Object> webJson(WebAccess.Status s) {
        return Json.obj("httpPort", s.httpPort(),
                "https", s.https().map(h -> Json.obj("port", h.port(), "sha256", h.sha256Fingerprint(),
                        "subject", h.subject(), "notAfter", h.notAfter().toString())),
                "httpsProblem", s.httpsProblem(), "remoteAdministration", s.remoteAdministration(),
                "homeNetworks", s.homeNetworks(), "trustedProxies", s.trustedProxies());
    }

    /** Files by status; empty when the catalog is missing or fails. */
    static Optional<Map<MediaStatus, Long>> counts(Backend backend) {
        try {
            return backend.catalog().map(MediaCatalog::countByStatus);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Map<String, Object> countsJson(Map<MediaStatus, Long> counts) {
        Map<String, Object> out = new LinkedHashMap<>();
        long total = 0;
        for (MediaStatus s : MediaStatus.values()) {
            long c = counts.getOrDefault(s, 0L);
            out.put(s.name().toLowerCase(Locale.ROOT), c);
            if (s != MediaStatus.DELETED) {
                total += c;
            }
        }
        out.put("total", total);
        return out;
    }

    private Map<String, Object> components() {
        return Json.obj("catalog", backend.catalog().isPresent() ? "up" : "missing",
                "scanner", backend.scanner().isPresent() ? "up" : "missing",
                "edge", backend.edge().map(e -> e.state().name()).orElse("missing"),
                "screenshots", backend.screenshots().isPresent() ? "up" : "missing",
                "transports", backend.transports().stream().map(StreamingTransport::name).sorted().toList());
    }
}
