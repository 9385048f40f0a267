package org.giggityflix.peer.web.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.giggityflix.peer.api.scan.MediaScanner;
import org.giggityflix.peer.api.scan.ScanProgress;
import org.giggityflix.peer.api.scan.ScanReport;
import org.giggityflix.peer.api.scan.ScanRequest;
import org.giggityflix.peer.api.scan.ScanStatus;

/**
 * {@code ScanResource} is responsible for {@code GET scan} (the scanner's state: the running scan's progress and
 * ETA, the last report, roots, live watching) and {@code POST scan} (start one, or join the running one).
 */
final class ScanResource {

    private final Backend backend;
    private final Clock clock;

    ScanResource(Backend backend, Clock clock) {
        this.backend = backend;
        this.clock = clock;
    }

    ApiResponse handle(ApiRequest r) {
        if (r.segments().size() == 1 && ApiSupport.reads(r)) {
            return scanStatus();
        }
        return r.segments().size() == 1 && r.method().equals("POST") ? startScan(r) : ApiSupport.notAllowed();
    }

    private ApiResponse scanStatus() {
        Optional<MediaScanner> scanner = backend.scanner();
        if (scanner.isEmpty()) {
            return ApiSupport.missing("The scanner");
        }
        return ApiResponse.ok(json(scanner.get().status()));
    }

    private ApiResponse startScan(ApiRequest r) {
        Optional<MediaScanner> scanner = backend.scanner();
        if (scanner.isEmpty()) {
            return ApiSupport.missing("The scanner");
        }
        boolean full = false;
        if (!r.body().isBlank()) {
            Object f = ApiSupport.object(r.body()).get("full");
            if (f != null && !(f instanceof Boolean)) {
                throw new ApiSupport.BadRequest("'full' must be true or false.");
            }
            full = Boolean.TRUE.equals(f);
        }
        boolean joining = scanner.get().status().running();
        scanner.get().scan(full ? ScanRequest.fullScan() : ScanRequest.incremental());
        String message = !joining ? "Started " + (full ? "a full" : "an incremental") + " scan."
                : full ? "A scan is running; a full scan is queued to follow it."
                : "A scan is already running; this request joins it.";
        return ApiResponse.json(202, Json.obj("message", message, "joined", joining, "full", full));
    }

    /** The scanner's state as the API gives it (here and in {@code GET status}). */
    Map<String, Object> json(ScanStatus s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("running", s.running());
        out.put("current", s.current().map(this::progressJson));
        out.put("last", s.last().map(ScanResource::reportJson));
        out.put("nextScheduled", s.nextScheduled());
        List<Map<String, Object>> roots = new ArrayList<>();
        s.roots().forEach(root -> roots.add(Json.obj("root", root.root().toString(), "state", root.state().name(),
                "message", root.message())));
        out.put("roots", roots);
        out.put("watch", Json.obj("enabled", s.watch().enabled(), "watched", s.watch().watched(),
                "unwatched", s.watch().unwatched(), "message", s.watch().message()));
        return out;
    }

    private Map<String, Object> progressJson(ScanProgress p) {
        Map<String, Object> out = totalsJson(p);
        out.put("elapsedSeconds", Duration.between(p.started(), clock.instant()).toMillis() / 1000.0);
        out.put("percent", percent(p));
        out.put("etaSeconds", p.eta().map(d -> d.toMillis() / 1000.0));
        return out;
    }

    /** Share of the known bytes hashed, 0–100; null while nothing is known to need hashing. */
    static Double percent(ScanProgress p) {
        if (p.bytesToHash() <= 0) {
            return null;
        }
        return Math.min(100.0, Math.floor(1000.0 * p.bytesHashed() / p.bytesToHash()) / 10.0);
    }

    private static Map<String, Object> totalsJson(ScanProgress p) {
        return Json.obj("started", p.started(), "full", p.full(), "filesSeen", p.filesSeen(), "filesNew", p.filesNew(),
                "filesChanged", p.filesChanged(), "filesMoved", p.filesMoved(), "filesGone", p.filesGone(),
                "filesFailed", p.filesFailed(), "bytesHashed", p.bytesHashed(), "bytesToHash", p.bytesToHash());
    }

    private static Map<String, Object> reportJson(ScanReport r) {
        Map<String, Object> out = totalsJson(r.totals());
        out.put("finished", r.finished());
        out.put("durationSeconds", Duration.between(r.totals().started(), r.finished()).toMillis() / 1000.0);
        out.put("problemCount", r.problems().size());
        out.put("problems", r.problems().subList(0, Math.min(20, r.problems().size())));
        return out;
    }
}
