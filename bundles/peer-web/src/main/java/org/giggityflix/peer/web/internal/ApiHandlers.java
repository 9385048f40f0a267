package org.giggityflix.peer.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.giggityflix.peer.api.catalog.MediaQuery;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.edge.EdgeLink;
import org.giggityflix.peer.api.edge.EdgeState;
import org.giggityflix.peer.api.edge.EdgeStatus;
import org.giggityflix.peer.api.media.Screenshot;
import org.giggityflix.peer.api.media.ScreenshotException;
import org.giggityflix.peer.api.media.ScreenshotService;
import org.giggityflix.peer.api.media.ScreenshotSet;
import org.giggityflix.peer.api.scan.MediaScanner;
import org.giggityflix.peer.api.scan.ScanProgress;
import org.giggityflix.peer.api.scan.ScanReport;
import org.giggityflix.peer.api.scan.ScanRequest;
import org.giggityflix.peer.api.scan.ScanStatus;
import org.giggityflix.peer.api.stream.StreamSession;
import org.giggityflix.peer.api.stream.StreamingTransport;
import org.giggityflix.peer.api.web.WebAccess;
import org.giggityflix.peer.web.internal.ConfigSource.Field;
import org.giggityflix.peer.web.internal.ConfigSource.FieldType;
import org.giggityflix.peer.web.internal.ConfigSource.Pid;
import org.giggityflix.peer.web.internal.SessionStore.Session;

/**
 * {@code ApiHandlers} is responsible for answering the JSON API under {@code /api/v1/} (and {@code /health},
 * {@code /metrics}) from the peer's services, with a clear error when a service is missing or an input is wrong.
 */
final class ApiHandlers {

    /** Sort keys the library accepts, each the catalog's order of the same name. */
    static final Set<String> SORTS = Set.of("path", "name", "size", "modified", "discovered", "duration", "status");

    private static final int DEFAULT_SCREENSHOTS = 4;

    private final Backend backend;
    private final ConfigSource config;
    private final Providers providers;
    private final WebSecurity security;
    private final Clock clock;
    private final OwnerHandlers owner;

    ApiHandlers(Backend backend, ConfigSource config, Providers providers, WebSecurity security, Clock clock) {
        this.backend = backend;
        this.config = config;
        this.providers = providers;
        this.security = security;
        this.clock = clock;
        this.owner = new OwnerHandlers(backend);
    }

    ApiResponse handle(ApiRequest r) {
        try {
            return route(r);
        } catch (BadRequest e) {
            return ApiResponse.error(400, e.getMessage());
        } catch (RuntimeException e) {
            return ApiResponse.error(500, "Internal error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /** An input the caller got wrong; its message is the answer. */
    static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    private ApiResponse route(ApiRequest r) {
        String area = r.segment(0) == null ? "" : r.segment(0);
        int n = r.segments().size();
        boolean get = r.method().equals("GET") || r.method().equals("HEAD");
        boolean post = r.method().equals("POST");
        switch (area) {
            case "session":
                return n == 1 && get ? session(r) : notAllowed();
            case "login":
                return n == 1 && post ? login(r) : notAllowed();
            case "logout":
                return n == 1 && post ? logout(r) : notAllowed();
            case "status":
                return n == 1 && get ? status() : notAllowed();
            case "scan":
                if (n == 1 && get) {
                    return scanStatus();
                }
                return n == 1 && post ? startScan(r) : notAllowed();
            case "media":
                if (n == 1 && get) {
                    return mediaList(r);
                }
                if (n == 2 && get) {
                    return mediaDetail(luid(r.segment(1)));
                }
                if (n == 3 && get && r.segment(2).equals("screenshots")) {
                    return screenshotList(luid(r.segment(1)), count(r));
                }
                if (n == 4 && get && r.segment(2).equals("screenshots")) {
                    return screenshotImage(luid(r.segment(1)), index(r.segment(3)), count(r));
                }
                return n <= 4 ? notAllowed() : notFound();
            case "providers":
                return n == 1 && get ? providers() : notAllowed();
            case "features":
                if (n == 3 && post && (r.segment(2).equals("install") || r.segment(2).equals("uninstall"))) {
                    Providers.Change c = providers.change(r.segment(1), r.segment(2).equals("install"));
                    return ApiResponse.json(c.status(), Json.obj(c.status() < 300 ? "message" : "error", c.message(),
                            "status", c.status()));
                }
                return notFound();
            case "config":
                if (n == 1 && get) {
                    return configList();
                }
                if (n == 2 && get) {
                    return configPid(r.segment(1));
                }
                if (n == 2 && (r.method().equals("PUT") || post || r.method().equals("PATCH"))) {
                    return configUpdate(r.segment(1), r.body());
                }
                return n == 2 ? notAllowed() : notFound();
            case "edge":
                if (n == 1 && get) {
                    return edge();
                }
                if (n == 2 && post && (r.segment(1).equals("reconnect") || r.segment(1).equals("disconnect"))) {
                    return edgeControl(r.segment(1));
                }
                return notFound();
            case "streams":
                if (n == 1 && get) {
                    return streams();
                }
                if (n == 4 && post && r.segment(3).equals("stop")) {
                    return stopStream(r.segment(1), r.segment(2));
                }
                return notFound();
            case "tokens":
                return owner.tokens(r);
            case "backup":
                return owner.backup(r);
            case "openapi.json":
                return n == 1 && get ? openApi() : notAllowed();
            default:
                return notFound();
        }
    }

    private static ApiResponse notFound() {
        return ApiResponse.error(404, "No such API endpoint (see /api/v1/openapi.json).");
    }

    private static ApiResponse notAllowed() {
        return ApiResponse.error(405, "Method not allowed here (see /api/v1/openapi.json).");
    }

    private static ApiResponse missing(String what) {
        return ApiResponse.error(503, what + " is not running (its feature is not installed or its bundle stopped).");
    }

    // --- session -------------------------------------------------------------------------------------------

    private ApiResponse session(ApiRequest r) {
        return ApiResponse.ok(Json.obj("user", r.session().map(Session::user), "signedIn", r.session().isPresent(),
                "readOnly", r.session().isEmpty(), "csrfToken", r.session().map(Session::csrfToken)));
    }

    private ApiResponse login(ApiRequest r) {
        Map<String, Object> body = object(r.body());
        Object user = body.get("username");
        Object password = body.get("password");
        if (!(user instanceof String) || !(password instanceof String)) {
            throw new BadRequest("Send {\"username\": \"…\", \"password\": \"…\"}.");
        }
        boolean home = security.isHome(r.address());
        if (!r.secure() && !home) {
            // Only reachable when a reverse proxy or remote administration lets an outside client this far: a
            // password must not cross the internet in clear text.
            return ApiResponse.error(403, "Sign-in from outside the home network needs HTTPS.");
        }
        Object next = body.get("next");
        WebSecurity.LoginResult result = security.login((String) user, ((String) password).toCharArray(), r.address(),
                home);
        if (result.session().isEmpty()) {
            ApiResponse refused = ApiResponse.error(result.status(), result.message());
            result.retryAfter().ifPresent(d -> refused.header("Retry-After",
                    String.valueOf(Math.max(1, (d.toMillis() + 999) / 1000))));
            return refused;
        }
        Session s = result.session().get();
        return ApiResponse.ok(Json.obj("user", s.user(), "csrfToken", s.csrfToken(),
                        "location", SafeNext.location(next instanceof String n ? n : null)))
                .header("Set-Cookie", WebSecurity.cookie(s, r.secure()));
    }

    private ApiResponse logout(ApiRequest r) {
        r.session().ifPresent(security::logout);
        return ApiResponse.ok(Json.obj("signedIn", false)).header("Set-Cookie", WebSecurity.cookie(null, r.secure()));
    }

    // --- status and scans ----------------------------------------------------------------------------------

    private ApiResponse status() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("peerId", backend.identity().map(i -> i.peerId()));
        out.put("dataDir", backend.identity().map(i -> i.dataDir().toString()));
        out.put("edge", backend.edge().map(e -> edgeJson(e.status())));
        Optional<Map<MediaStatus, Long>> counts = counts();
        out.put("counts", counts.map(ApiHandlers::countsJson));
        out.put("scan", backend.scanner().map(s -> scanJson(s.status())));
        out.put("streams", backend.transports().stream().mapToInt(t -> sessionsOf(t).size()).sum());
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

    private Optional<Map<MediaStatus, Long>> counts() {
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

    private ApiResponse scanStatus() {
        Optional<MediaScanner> scanner = backend.scanner();
        if (scanner.isEmpty()) {
            return missing("The scanner");
        }
        return ApiResponse.ok(scanJson(scanner.get().status()));
    }

    private ApiResponse startScan(ApiRequest r) {
        Optional<MediaScanner> scanner = backend.scanner();
        if (scanner.isEmpty()) {
            return missing("The scanner");
        }
        boolean full = false;
        if (!r.body().isBlank()) {
            Object f = object(r.body()).get("full");
            if (f != null && !(f instanceof Boolean)) {
                throw new BadRequest("'full' must be true or false.");
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

    private Map<String, Object> scanJson(ScanStatus s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("running", s.running());
        out.put("current", s.current().map(this::progressJson));
        out.put("last", s.last().map(ApiHandlers::reportJson));
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

    // --- media ---------------------------------------------------------------------------------------------

    private ApiResponse mediaList(ApiRequest r) {
        Optional<MediaCatalog> catalog = backend.catalog();
        if (catalog.isEmpty()) {
            return missing("The catalog");
        }
        int offset = intParam(r, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = intParam(r, "limit", 50, 1, 500);
        String sort = r.param("sort").orElse("path").toLowerCase(Locale.ROOT);
        if (!SORTS.contains(sort)) {
            throw new BadRequest("sort must be one of " + String.join(", ", SORTS.stream().sorted().toList()) + ".");
        }
        String order = r.param("order").orElse("asc").toLowerCase(Locale.ROOT);
        if (!order.equals("asc") && !order.equals("desc")) {
            throw new BadRequest("order must be asc or desc.");
        }
        Set<MediaStatus> statuses = EnumSet.noneOf(MediaStatus.class);
        for (String s : r.param("status").map(v -> v.split(",")).orElse(new String[0])) {
            try {
                statuses.add(MediaStatus.valueOf(s.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new BadRequest("Unknown status '" + s.trim() + "' (pending, processing, ready, error, deleted).");
            }
        }
        Optional<String> text = r.param("q");
        if (text.isPresent() && text.get().length() > 200) {
            throw new BadRequest("q is longer than 200 characters.");
        }
        // The catalog filters, sorts and pages the whole library in its query (an index per order).
        MediaQuery query = new MediaQuery(statuses, text, offset, limit,
                MediaQuery.Sort.valueOf(sort.toUpperCase(Locale.ROOT)), order.equals("desc"));
        long total = catalog.get().count(query);
        List<Map<String, Object>> items = new ArrayList<>();
        catalog.get().list(query).forEach(f -> items.add(mediaJson(f)));
        return ApiResponse.ok(Json.obj("total", total, "offset", offset, "limit", limit, "sort", sort, "order", order,
                "items", items));
    }

    private static Map<String, Object> mediaJson(MediaFile f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", f.luid());
        out.put("catalogId", f.catalogId());
        out.put("name", f.fileName());
        out.put("relativePath", f.relativePath());
        out.put("size", f.size());
        out.put("modified", f.modified());
        out.put("status", f.status().name().toLowerCase(Locale.ROOT));
        out.put("error", f.error());
        out.put("metadata", f.metadata().map(ApiHandlers::metadataJson));
        out.put("discovered", f.discovered());
        out.put("updated", f.updated());
        return out;
    }

    private static Map<String, Object> metadataJson(MediaMetadata m) {
        Map<String, Object> out = Json.obj("durationSeconds", m.durationSeconds(), "width", m.width(),
                "height", m.height(), "videoCodec", m.videoCodec(), "audioCodec", m.audioCodec(),
                "bitrate", m.bitrate(), "frameRate", m.frameRate(), "container", m.container());
        StreamJson.summary(m, out);
        return out;
    }

    private ApiResponse mediaDetail(long luid) {
        Optional<MediaCatalog> catalog = backend.catalog();
        if (catalog.isEmpty()) {
            return missing("The catalog");
        }
        Optional<MediaFile> file = catalog.get().find(luid);
        if (file.isEmpty()) {
            return ApiResponse.error(404, "No file with id " + luid + ".");
        }
        Map<String, Object> out = mediaJson(file.get());
        out.put("path", file.get().path().toString());
        out.put("mediaRoot", file.get().mediaRoot().toString());
        out.put("streams", file.get().metadata().map(StreamJson::list).orElse(List.of()));
        out.put("hashes", catalog.get().hashes(luid));
        out.put("screenshotsAvailable", backend.screenshots().isPresent());
        return ApiResponse.ok(out);
    }

    private ApiResponse screenshotList(long luid, int count) {
        Optional<ScreenshotService> service = backend.screenshots();
        if (service.isEmpty()) {
            return noScreenshots();
        }
        try {
            ScreenshotSet set = service.get().screenshots(luid, count);
            List<Map<String, Object>> items = new ArrayList<>();
            for (Screenshot s : set.screenshots()) {
                items.add(Json.obj("index", s.index(), "positionSeconds", s.positionSeconds(),
                        "frameSeconds", s.frameSeconds(), "width", s.width(), "height", s.height(), "size", s.size(),
                        "url", WebConstants.API + "/media/" + luid + "/screenshots/" + s.index() + "?count=" + count));
            }
            return ApiResponse.ok(Json.obj("id", luid, "count", count, "fromCache", set.fromCache(),
                    "screenshots", items));
        } catch (ScreenshotException e) {
            return screenshotError(e);
        }
    }

    private ApiResponse screenshotImage(long luid, int index, int count) {
        Optional<ScreenshotService> service = backend.screenshots();
        if (service.isEmpty()) {
            return noScreenshots();
        }
        if (index >= count) {
            throw new BadRequest("index must be below count (" + count + ").");
        }
        try {
            ScreenshotSet set = service.get().screenshots(luid, count);
            Optional<Screenshot> shot = set.screenshots().stream().filter(s -> s.index() == index).findFirst();
            if (shot.isEmpty()) {
                return ApiResponse.error(404, "No screenshot " + index + " for file " + luid + ".");
            }
            byte[] jpeg;
            try (InputStream in = Files.newInputStream(shot.get().path())) {
                jpeg = in.readAllBytes();
            }
            return new ApiResponse(200, "image/jpeg", jpeg, new LinkedHashMap<>())
                    .header("Cache-Control", "private, max-age=300");
        } catch (ScreenshotException e) {
            return screenshotError(e);
        } catch (IOException e) {
            return ApiResponse.error(404, "The screenshot was evicted from the cache; ask again.");
        }
    }

    private static ApiResponse noScreenshots() {
        return ApiResponse.error(404, "Screenshots are not available: no ScreenshotService is running "
                + "(install the screenshots feature).");
    }

    private static ApiResponse screenshotError(ScreenshotException e) {
        int status = switch (e.reason()) {
            case BAD_COUNT -> 400;
            case NO_SUCH_FILE, FILE_GONE, NO_PROVIDER, NO_DURATION -> 404;
            case CAPTURE_FAILED -> 500;
        };
        return ApiResponse.json(status, Json.obj("error", e.getMessage(), "reason", e.reason().name(),
                "status", status));
    }

    static long luid(String text) {
        if (text == null || !text.matches("[0-9]{1,18}")) {
            throw new BadRequest("The id must be a number (a catalog luid), was '" + text + "'.");
        }
        return Long.parseLong(text);
    }

    private static int index(String text) {
        if (text == null || !text.matches("[0-9]{1,3}")) {
            throw new BadRequest("The screenshot index must be a number, was '" + text + "'.");
        }
        return Integer.parseInt(text);
    }

    private static int count(ApiRequest r) {
        return intParam(r, "count", DEFAULT_SCREENSHOTS, ScreenshotService.MIN_COUNT, ScreenshotService.MAX_COUNT);
    }

    private static int intParam(ApiRequest r, String name, int dflt, int min, int max) {
        Optional<String> v = r.param(name);
        if (v.isEmpty()) {
            return dflt;
        }
        try {
            int i = Integer.parseInt(v.get());
            if (i < min || i > max) {
                throw new BadRequest(name + " must be between " + min + " and " + max + ".");
            }
            return i;
        } catch (NumberFormatException e) {
            throw new BadRequest(name + " must be a whole number.");
        }
    }

    // --- providers -----------------------------------------------------------------------------------------

    private ApiResponse providers() {
        return ApiResponse.ok(Json.obj("services", providers.services(), "bundles", providers.bundles(),
                "features", providers.features(), "featuresAvailable", providers.features().isPresent()));
    }

    // --- configuration -------------------------------------------------------------------------------------

    private ApiResponse configList() {
        List<Map<String, Object>> out = new ArrayList<>();
        config.pids().forEach(p -> out.add(pidJson(p)));
        return ApiResponse.ok(Json.obj("pids", out));
    }

    private ApiResponse configPid(String pid) {
        checkPid(pid);
        return config.describe(pid).map(p -> ApiResponse.ok(pidJson(p)))
                .orElseGet(() -> ApiResponse.error(404, "No settings described for PID " + pid + "."));
    }

    private ApiResponse configUpdate(String pid, String body) {
        checkPid(pid);
        Optional<Pid> described = config.describe(pid);
        if (described.isEmpty()) {
            return ApiResponse.error(404, "No settings described for PID " + pid + ".");
        }
        Map<String, Object> submitted = object(body);
        Object values = submitted.containsKey("values") ? submitted.get("values") : submitted;
        if (!(values instanceof Map)) {
            throw new BadRequest("Send {\"values\": {\"field\": value, …}}.");
        }
        @SuppressWarnings("unchecked")
        ConfigValidator.Result result = ConfigValidator.validate(described.get(), (Map<String, Object>) values);
        if (!result.ok()) {
            return ApiResponse.json(400, Json.obj("error", "Some values are not valid; nothing was changed.",
                    "status", 400, "fields", result.errors()));
        }
        try {
            config.update(pid, result.values());
        } catch (IOException e) {
            return ApiResponse.error(500, "Could not store the settings: " + e.getMessage());
        }
        Map<String, Object> out = pidJson(described.get());
        out.put("values", masked(described.get(), merged(described.get(), result.values())));
        out.put("message", "Saved; the change applies without restart.");
        return ApiResponse.ok(out);
    }

    private Map<String, Object> merged(Pid pid, Map<String, Object> changes) {
        Map<String, Object> current = currentValues(pid);
        current.putAll(changes);
        return current;
    }

    private static void checkPid(String pid) {
        if (!pid.matches("[A-Za-z0-9._-]{1,200}") || pid.contains("..")) {
            throw new BadRequest("Not a PID: '" + pid + "'.");
        }
    }

    private Map<String, Object> pidJson(Pid p) {
        List<Map<String, Object>> fields = new ArrayList<>();
        for (Field f : p.fields()) {
            List<Map<String, Object>> options = new ArrayList<>();
            f.options().forEach(o -> options.add(Json.obj("value", o.value(), "label", o.label())));
            fields.add(Json.obj("id", f.id(), "name", f.name(), "description", f.description(),
                    "type", f.type().name().toLowerCase(Locale.ROOT), "cardinality", f.cardinality(),
                    "default", f.type() == FieldType.PASSWORD ? null : defaultValue(f), "options", options));
        }
        Map<String, Object> out = Json.obj("pid", p.pid(), "name", p.name(), "description", p.description(),
                "fields", fields);
        out.put("values", masked(p, currentValues(p)));
        return out;
    }

    private static Object defaultValue(Field f) {
        if (f.cardinality() == 0) {
            return f.defaults().isEmpty() ? null : f.defaults().get(0);
        }
        return String.join(",", f.defaults());
    }

    /** Stored values of the described fields, defaults where nothing is stored. */
    private Map<String, Object> currentValues(Pid p) {
        Map<String, Object> stored = config.values(p.pid());
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field f : p.fields()) {
            Object v = stored.get(f.id());
            if (v == null) {
                out.put(f.id(), defaultValue(f));
            } else if (v.getClass().isArray()) {
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < java.lang.reflect.Array.getLength(v); i++) {
                    parts.add(String.valueOf(java.lang.reflect.Array.get(v, i)));
                }
                out.put(f.id(), String.join(",", parts));
            } else if (v instanceof Iterable<?> it) {
                List<String> parts = new ArrayList<>();
                it.forEach(x -> parts.add(String.valueOf(x)));
                out.put(f.id(), String.join(",", parts));
            } else {
                out.put(f.id(), v instanceof Number || v instanceof Boolean ? v : String.valueOf(v));
            }
        }
        return out;
    }

    private static Map<String, Object> masked(Pid p, Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>(values);
        for (Field f : p.fields()) {
            if (f.type() == FieldType.PASSWORD && out.get(f.id()) != null && !String.valueOf(out.get(f.id())).isEmpty()) {
                out.put(f.id(), ConfigValidator.MASK);
            }
        }
        return out;
    }

    // --- edge and streams ----------------------------------------------------------------------------------

    private ApiResponse edge() {
        Optional<EdgeLink> edge = backend.edge();
        if (edge.isEmpty()) {
            return missing("The Edge link");
        }
        return ApiResponse.ok(edgeJson(edge.get().status()));
    }

    private ApiResponse edgeControl(String action) {
        Optional<EdgeLink> edge = backend.edge();
        if (edge.isEmpty()) {
            return missing("The Edge link");
        }
        if (action.equals("reconnect")) {
            edge.get().reconnect();
        } else {
            edge.get().disconnect();
        }
        return ApiResponse.json(202, edgeJson(edge.get().status()));
    }

    private static Map<String, Object> edgeJson(EdgeStatus s) {
        return Json.obj("state", s.state().name(), "address", s.address(), "since", s.since(),
                "lastError", s.lastError(), "attempts", s.attempts(), "warning", s.warning(),
                "counters", Json.obj("messagesIn", s.counters().messagesIn(),
                        "messagesOut", s.counters().messagesOut(), "filesOffered", s.counters().filesOffered(),
                        "filesCataloged", s.counters().filesCataloged(),
                        "requestsRefused", s.counters().requestsRefused()));
    }

    private ApiResponse streams() {
        List<Map<String, Object>> transports = new ArrayList<>();
        List<Map<String, Object>> sessions = new ArrayList<>();
        for (StreamingTransport t : backend.transports()) {
            List<StreamSession> ofT = sessionsOf(t);
            transports.add(Json.obj("name", t.name(), "sessions", ofT.size()));
            ofT.forEach(s -> sessions.add(Json.obj("id", s.id(), "transport", s.transport(), "luid", s.luid(),
                    "started", s.started(), "state", s.state(), "stats", StreamFigures.json(s.stats()))));
        }
        return ApiResponse.ok(Json.obj("transports", transports, "sessions", sessions));
    }

    private static List<StreamSession> sessionsOf(StreamingTransport t) {
        try {
            return t.sessions();
        } catch (RuntimeException e) {
            return List.of(); // a transport going away mid-call
        }
    }

    private ApiResponse stopStream(String transport, String id) {
        if (RequestGuard.unsafeName(transport) || RequestGuard.unsafeName(id)) {
            throw new BadRequest("Not a transport or session id.");
        }
        for (StreamingTransport t : backend.transports()) {
            if (t.name().equals(transport)) {
                return t.stop(id) ? ApiResponse.ok(Json.obj("stopped", id))
                        : ApiResponse.error(404, "No session " + id + " on transport " + transport + ".");
            }
        }
        return ApiResponse.error(404, "No transport named " + transport + ".");
    }

    // --- openapi, health, metrics --------------------------------------------------------------------------

    private static ApiResponse openApi() {
        try (InputStream in = ApiHandlers.class.getResourceAsStream("/openapi.json")) {
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
        Optional<Map<MediaStatus, Long>> counts = counts();
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
            List<StreamSession> ofT = sessionsOf(t);
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

    static Map<String, Object> object(String body) {
        if (body == null || body.isBlank()) {
            throw new BadRequest("A JSON object body is required.");
        }
        try {
            return Json.parseObject(body);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }
}
