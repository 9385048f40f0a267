package org.giggityflix.peer.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import org.giggityflix.peer.api.catalog.HdrTransfer;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.catalog.MediaStream;
import org.giggityflix.peer.api.catalog.StreamKind;
import org.giggityflix.peer.api.edge.EdgeCounters;
import org.giggityflix.peer.api.edge.EdgeLink;
import org.giggityflix.peer.api.edge.EdgeState;
import org.giggityflix.peer.api.edge.EdgeStatus;
import org.giggityflix.peer.api.stream.StreamSession;
import org.giggityflix.peer.api.stream.StreamStats;
import org.giggityflix.peer.api.stream.StreamingTransport;
import org.giggityflix.peer.web.internal.SessionStore.Session;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ApiHandlersTest} is responsible for proving the API's answers: data, validation and clear errors. */
class ApiHandlersTest {

    private final Fakes.MutableClock clock = new Fakes.MutableClock();
    private final Fakes.Services services = new Fakes.Services();
    private final Fakes.Config config = new Fakes.Config();
    private final Fakes.Catalog catalog = new Fakes.Catalog();
    private final WebSecurity security = new WebSecurity(Fakes.authenticator(), clock, Fakes.config(false, 5, 30));
    private final ApiHandlers api = new ApiHandlers(services, config, new Fakes.NoProviders(), security, clock);
    private Session session;

    @BeforeEach
    void setUp() {
        catalog.files.add(Fakes.file(1, "b/beta.mkv", 300, MediaStatus.READY, 60.0));
        catalog.files.add(Fakes.file(2, "a/alpha.mp4", 100, MediaStatus.READY, 120.0));
        catalog.files.add(Fakes.file(3, "c/gamma.mp4", 200, MediaStatus.PENDING, null));
        catalog.files.add(Fakes.file(4, "d/gone.mp4", 50, MediaStatus.DELETED, 10.0));
        services.catalog = catalog;
        session = security.login("admin", "secret".toCharArray(), "10.0.0.1").session().orElseThrow();
    }

    private ApiResponse call(String method, String path, String body) {
        String[] parts = path.split("\\?", 2);
        Map<String, String> query = new java.util.LinkedHashMap<>();
        if (parts.length > 1) {
            for (String pair : parts[1].split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        List<String> segments = java.util.Arrays.stream(parts[0].split("/")).filter(s -> !s.isEmpty()).toList();
        return api.handle(new ApiRequest(method, segments, query, body == null ? "" : body, Optional.of(session),
                "10.0.0.1", false));
    }

    private static Map<String, Object> json(ApiResponse r) {
        return Json.parseObject(r.text());
    }

    @Test
    void statusCountsMatchTheCatalog() {
        Map<String, Object> status = json(call("GET", "status", null));
        @SuppressWarnings("unchecked")
        Map<String, Object> counts = (Map<String, Object>) status.get("counts");
        assertEquals(2L, counts.get("ready"));
        assertEquals(1L, counts.get("pending"));
        assertEquals(1L, counts.get("deleted"));
        assertEquals(3L, counts.get("total"));
    }

    @Test
    void mediaListSearchesSortsAndPages() {
        Map<String, Object> all = json(call("GET", "media", null));
        assertEquals(3L, all.get("total"));
        assertEquals(List.of("alpha.mp4", "beta.mkv", "gamma.mp4"), names(all));
        assertEquals(List.of("beta.mkv", "gamma.mp4", "alpha.mp4"), names(json(call("GET", "media?sort=size&order=desc", null))));
        assertEquals(List.of("gamma.mp4", "beta.mkv", "alpha.mp4"), names(json(call("GET", "media?sort=duration", null))));
        assertEquals(List.of("beta.mkv"), names(json(call("GET", "media?q=BET", null))));
        assertEquals(List.of("gone.mp4"), names(json(call("GET", "media?status=deleted", null))));
        Map<String, Object> page = json(call("GET", "media?sort=name&offset=1&limit=1", null));
        assertEquals(3L, page.get("total"));
        assertEquals(List.of("beta.mkv"), names(page));
    }

    /**
     * Issue 14's finding: with 100,000 files the API sorted at most the first 10,000 rows in path order, so the
     * largest file, in a folder late in that order, was missing from the first page by size. The catalog now sorts
     * the whole library; the total and the pages agree.
     */
    @Test
    void theLargestOfOneHundredThousandFilesIsFirstBySizeDescending() {
        catalog.files.clear();
        for (int i = 1; i <= 100_000; i++) {
            catalog.files.add(Fakes.file(i, String.format("dir-%03d/file-%06d.mkv", i % 1000, i), 1_000L + i % 5_000,
                    MediaStatus.READY, null));
        }
        catalog.files.add(Fakes.file(100_001, "zz-late-in-path-order/the largest.mkv", 20_000_000, MediaStatus.READY,
                null));
        Map<String, Object> page = json(call("GET", "media?sort=size&order=desc&limit=5", null));
        assertEquals(100_001L, page.get("total"));
        assertEquals("the largest.mkv", names(page).get(0));
        assertEquals(List.of("the largest.mkv"), names(json(call("GET", "media?sort=size&order=asc&offset=100000", null))));
        assertEquals(List.of("file-099999.mkv", "file-094999.mkv"),
                names(json(call("GET", "media?sort=size&order=desc&offset=1&limit=2", null))));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> names(Map<String, Object> page) {
        return ((List<Object>) page.get("items")).stream().map(i -> ((Map<String, Object>) i).get("name")).toList();
    }

    @Test
    void badListInputsAre400WithTheReason() {
        assertEquals(400, call("GET", "media?sort=evil", null).status());
        assertEquals(400, call("GET", "media?order=sideways", null).status());
        assertEquals(400, call("GET", "media?status=bogus", null).status());
        assertEquals(400, call("GET", "media?limit=0", null).status());
        assertEquals(400, call("GET", "media?offset=-1", null).status());
        assertTrue(call("GET", "media?limit=abc", null).text().contains("whole number"));
    }

    @Test
    void detailHasMetadataAndHashesAndUnknownOrMalformedIdsAreRefused() {
        Map<String, Object> d = json(call("GET", "media/1", null));
        assertEquals("beta.mkv", d.get("name"));
        assertEquals(Map.of("md5", "0123abcd"), d.get("hashes"));
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = (Map<String, Object>) d.get("metadata");
        assertEquals(1280L, meta.get("width"));
        assertEquals(404, call("GET", "media/999", null).status());
        assertEquals(400, call("GET", "media/abc", null).status());
        assertEquals(400, call("GET", "media/-1", null).status());
        assertEquals(400, call("GET", "media/1e3", null).status());
    }

    @Test
    @SuppressWarnings("unchecked")
    void detailListsEveryStreamWithThePlayersNamesAndTheListCarriesTheCardBadges() {
        MediaFile base = Fakes.file(9, "films/film.mkv", 400, MediaStatus.READY, 60.0);
        List<MediaStream> streams = List.of(
                MediaStream.builder(0, StreamKind.VIDEO).codec("hevc").profile("Main 10").displaySize(180, 320)
                        .codedSize(320, 180).sampleAspectRatio("1:1").rotation(90).pixelFormat("yuv420p10le")
                        .bitDepth(10).hdr(HdrTransfer.PQ).frameRate(23.976).defaultTrack(true).build(),
                MediaStream.builder(1, StreamKind.AUDIO).codec("aac").profile("LC").channels(6)
                        .channelLayout("5.1").sampleRate(48_000).language("fre").title("Français").build(),
                MediaStream.builder(2, StreamKind.SUBTITLE).codec("subrip").language("eng").forced(true).build());
        catalog.files.add(new MediaFile(9, Optional.empty(), base.path(), base.mediaRoot(), base.relativePath(),
                base.size(), base.modified(), Optional.empty(), MediaStatus.READY, Optional.empty(),
                Optional.of(new MediaMetadata(60.0, 180, 320, "hevc", "aac", 1L, 23.976, "matroska", streams)),
                base.discovered(), base.updated()));

        Map<String, Object> d = json(call("GET", "media/9", null));

        List<Map<String, Object>> tracks = (List<Map<String, Object>>) d.get("streams");
        assertEquals(3, tracks.size());
        Map<String, Object> video = tracks.get(0);
        List<String> names = List.of("index", "kind", "codec", "profile", "width", "height", "codedWidth",
                "codedHeight", "sampleAspectRatio", "rotation", "flipped", "pixelFormat", "bitDepth", "hdr",
                "frameRate", "channels", "channelLayout", "sampleRate", "language", "title", "default", "forced");
        assertEquals(names, List.copyOf(video.keySet()));
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) json(
                call("GET", "openapi.json", null)).get("components")).get("schemas");
        assertEquals(names, List.copyOf(((Map<String, Object>) ((Map<String, Object>) schemas.get("MediaStream"))
                .get("properties")).keySet()), "openapi.json describes the same names");
        assertEquals("video", video.get("kind"));
        assertEquals(180L, video.get("width"));
        assertEquals(320L, video.get("height"));
        assertEquals(320L, video.get("codedWidth"));
        assertEquals(90L, video.get("rotation"));
        assertEquals(false, video.get("flipped"));
        assertEquals("PQ", video.get("hdr"));
        assertEquals(10L, video.get("bitDepth"));
        assertEquals(true, video.get("default"));
        assertEquals(null, video.get("channels"));
        Map<String, Object> audio = tracks.get(1);
        assertEquals("audio", audio.get("kind"));
        assertEquals("fre", audio.get("language"));
        assertEquals("Français", audio.get("title"));
        assertEquals(6L, audio.get("channels"));
        assertEquals("5.1", audio.get("channelLayout"));
        assertEquals(48_000L, audio.get("sampleRate"));
        assertEquals(null, audio.get("rotation"));
        assertEquals(false, audio.get("default"));
        assertEquals("subtitle", tracks.get(2).get("kind"));
        assertEquals(true, tracks.get(2).get("forced"));

        Map<String, Object> item = ((List<Map<String, Object>>) json(call("GET", "media?q=film", null))
                .get("items")).get(0);
        assertFalse(item.containsKey("streams"), "the library list leaves the stream list out");
        Map<String, Object> card = (Map<String, Object>) item.get("metadata");
        assertEquals(180L, card.get("width"));
        assertEquals(320L, card.get("height"));
        assertEquals("PQ", card.get("hdr"));
        assertEquals(10L, card.get("bitDepth"));

        Map<String, Object> unprobed = json(call("GET", "media/3", null));
        assertEquals(List.of(), unprobed.get("streams"));
    }

    @Test
    void screenshotsWithoutAServiceAre404WithAClearMessage() {
        ApiResponse r = call("GET", "media/1/screenshots", null);
        assertEquals(404, r.status());
        assertTrue(r.text().contains("no ScreenshotService"), r.text());
        assertEquals(404, call("GET", "media/1/screenshots/0", null).status());
    }

    @Test
    void aPlaintextEdgeLinkToAnotherMachineCarriesItsWarningToTheDashboard() {
        String warning = "the link to the Edge at 192.168.1.20:50051 is not encrypted (plaintext over the network)";
        services.edge = new EdgeLink() {
            @Override
            public EdgeStatus status() {
                return new EdgeStatus(EdgeState.CONNECTED, "192.168.1.20:50051", clock.instant(), Optional.empty(), 0,
                        new EdgeCounters(0, 0, 0, 0, 0), Optional.of(warning));
            }

            @Override
            public void reconnect() {
            }

            @Override
            public void disconnect() {
            }
        };

        @SuppressWarnings("unchecked")
        Map<String, Object> edge = (Map<String, Object>) json(call("GET", "status", null)).get("edge");
        assertEquals(warning, edge.get("warning"));
        assertEquals(warning, json(call("GET", "edge", null)).get("warning"));
    }

    @Test
    void missingServicesAre503NotCrashes() {
        services.catalog = null;
        assertEquals(503, call("GET", "media", null).status());
        assertEquals(503, call("GET", "scan", null).status());
        assertEquals(503, call("POST", "scan", "{}").status());
        assertEquals(503, call("GET", "edge", null).status());
        assertEquals(200, call("GET", "status", null).status());
        assertEquals(200, call("GET", "streams", null).status());
    }

    @Test
    void invalidConfigValuesAre400PerFieldAndNothingIsStored() {
        config.update(Fakes.Config.PID.pid(), Map.of("interval", 10));
        ApiResponse r = call("PUT", "config/org.giggityflix.peer.test",
                "{\"values\": {\"interval\": 500, \"enabled\": \"maybe\", \"mode\": \"warp\", \"bogus\": 1}}");
        assertEquals(400, r.status());
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) json(r).get("fields");
        assertEquals("Value 500 is more than the maximum 100.", fields.get("interval"));
        assertTrue(((String) fields.get("enabled")).contains("true or false"));
        assertTrue(((String) fields.get("mode")).contains("fast, slow"));
        assertTrue(fields.containsKey("bogus"));
        assertEquals(Map.of("interval", 10), config.values(Fakes.Config.PID.pid()), "old value kept");
        // a valid value alongside an invalid one is not stored either
        assertEquals(400, call("PUT", "config/org.giggityflix.peer.test",
                "{\"values\": {\"interval\": 20, \"enabled\": 3}}").status());
        assertEquals(Map.of("interval", 10), config.values(Fakes.Config.PID.pid()));
        assertEquals(400, call("PUT", "config/org.giggityflix.peer.test", "{\"values\": {\"interval\": \"x1\"}}").status());
    }

    @Test
    void settingNumbersAreReadByTheJsonGrammar() {
        config.update(Fakes.Config.PID.pid(), Map.of("interval", 10));
        // 5e1 is fifty: stored as the int the field holds
        assertEquals(200, call("PUT", "config/org.giggityflix.peer.test", "{\"values\": {\"interval\": 5e1}}").status());
        assertEquals(50, config.values(Fakes.Config.PID.pid()).get("interval"));
        // a leading zero or a bare dot is not JSON: 400 saying where, nothing stored
        for (String bad : List.of("010", "5.")) {
            ApiResponse r = call("PUT", "config/org.giggityflix.peer.test", "{\"values\": {\"interval\": " + bad + "}}");
            assertEquals(400, r.status(), bad);
            assertTrue(String.valueOf(json(r).get("error")).startsWith("invalid JSON at character "), r.text());
        }
        // an integer too large for any number type is that field's error, not a broken body
        ApiResponse huge = call("PUT", "config/org.giggityflix.peer.test",
                "{\"values\": {\"interval\": 123456789012345678901234567890}}");
        assertEquals(400, huge.status());
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) json(huge).get("fields");
        assertEquals("Not a valid integer number: '123456789012345678901234567890'.", fields.get("interval"));
        assertEquals(Map.of("interval", 50), config.values(Fakes.Config.PID.pid()));
    }

    @Test
    void validConfigIsStoredTypedAndPasswordsAreMasked() {
        ApiResponse r = call("PUT", "config/org.giggityflix.peer.test",
                "{\"values\": {\"interval\": \"42\", \"enabled\": false, \"mode\": \"slow\", \"secret\": \"hunter2\"}}");
        assertEquals(200, r.status(), r.text());
        Map<String, Object> stored = config.values(Fakes.Config.PID.pid());
        assertEquals(42, stored.get("interval"));
        assertEquals(Boolean.FALSE, stored.get("enabled"));
        assertEquals("hunter2", stored.get("secret"));
        assertFalse(r.text().contains("hunter2"));
        assertFalse(call("GET", "config/org.giggityflix.peer.test", null).text().contains("hunter2"));
        // sending the mask back keeps the stored password
        assertEquals(200, call("PUT", "config/org.giggityflix.peer.test",
                "{\"values\": {\"secret\": \"" + ConfigValidator.MASK + "\"}}").status());
        assertEquals("hunter2", config.values(Fakes.Config.PID.pid()).get("secret"));
    }

    @Test
    void unknownOrMalformedPidsAndBodies() {
        assertEquals(404, call("PUT", "config/org.giggityflix.peer.nope", "{\"values\": {}}").status());
        assertEquals(404, call("GET", "config/org.giggityflix.peer.nope", null).status());
        assertEquals(400, call("PUT", "config/..", "{}").status());
        assertEquals(400, call("PUT", "config/org.giggityflix.peer.test", "not json").status());
        assertEquals(400, call("PUT", "config/org.giggityflix.peer.test", "").status());
        assertEquals(400, call("PUT", "config/org.giggityflix.peer.test", "{\"values\": 3}").status());
    }

    @Test
    void unknownEndpointsAnd405() {
        assertEquals(404, call("GET", "nope", null).status());
        assertEquals(405, call("DELETE", "status", null).status());
        assertEquals(405, call("GET", "login", null).status());
    }

    @Test
    void signInThroughTheApiSetsTheCookieAndLogoutClearsIt() {
        ApiResponse ok = api.handle(new ApiRequest("POST", List.of("login"), Map.of(),
                "{\"username\":\"admin\",\"password\":\"secret\"}", Optional.empty(), "10.0.0.7", false));
        assertEquals(200, ok.status());
        assertTrue(ok.headers().get("Set-Cookie").contains("HttpOnly; SameSite=Strict"));
        assertTrue(json(ok).get("csrfToken") instanceof String);
        ApiResponse wrong = api.handle(new ApiRequest("POST", List.of("login"), Map.of(),
                "{\"username\":\"admin\",\"password\":\"nope\"}", Optional.empty(), "10.0.0.7", false));
        assertEquals(401, wrong.status());
        assertEquals(400, api.handle(new ApiRequest("POST", List.of("login"), Map.of(), "{\"username\":1}",
                Optional.empty(), "10.0.0.7", false)).status());
        ApiResponse out = call("POST", "logout", "{}");
        assertTrue(out.headers().get("Set-Cookie").contains("Max-Age=0"));
    }

    @Test
    void plainHttpSignInFromTheInternetIsRefusedButLanLoopbackAndHttpsWork() {
        String body = "{\"username\":\"admin\",\"password\":\"secret\"}";
        ApiResponse internet = api.handle(new ApiRequest("POST", List.of("login"), Map.of(), body, Optional.empty(),
                "203.0.113.9", false));
        assertEquals(403, internet.status());
        assertTrue(String.valueOf(json(internet).get("error")).contains("needs HTTPS"), json(internet).toString());
        assertEquals(null, internet.headers().get("Set-Cookie"));
        for (String home : List.of("127.0.0.1", "192.168.1.20", "172.16.4.2", "fe80::1", "fd12:3456::9", "::1")) {
            assertEquals(200, api.handle(new ApiRequest("POST", List.of("login"), Map.of(), body, Optional.empty(),
                    home, false)).status(), home);
        }
        assertEquals(200, api.handle(new ApiRequest("POST", List.of("login"), Map.of(), body, Optional.empty(),
                "203.0.113.9", true)).status());
    }

    @Test
    void healthSaysDegradedWithoutLeakingAndMetricsCountFiles() {
        Map<String, Object> h = json(api.health());
        assertEquals("degraded", h.get("status"));
        assertFalse(api.health().text().contains("/media"));
        String metrics = api.metrics().text();
        assertTrue(metrics.contains("giggityflix_files{status=\"ready\"} 2"), metrics);
        assertTrue(metrics.contains("giggityflix_files{status=\"deleted\"} 1"), metrics);
        assertTrue(metrics.contains("giggityflix_web_sessions 1"), metrics);
        assertTrue(metrics.contains("# TYPE giggityflix_edge_state gauge"), metrics);
        for (String gauge : List.of("giggityflix_jvm_heap_used_bytes ", "giggityflix_jvm_heap_committed_bytes ",
                "giggityflix_jvm_heap_max_bytes ", "giggityflix_process_resident_memory_bytes ",
                "giggityflix_jvm_threads ")) {
            long value = metrics.lines().filter(l -> l.startsWith(gauge)).mapToLong(l -> Long.parseLong(
                    l.substring(gauge.length()))).findFirst().orElseThrow(() -> new AssertionError(gauge + metrics));
            assertTrue(value > 0, gauge + value);
        }
    }

    /** Issue 17.6: what a WebRTC session sends, in the streams API and in /metrics; an unmeasured one has none. */
    @Test
    @SuppressWarnings("unchecked")
    void streamStatisticsReachTheApiAndTheMetrics() {
        StreamStats stats = new StreamStats(Instant.parse("2026-12-07T10:00:00Z"), 9_000_000, 2400,
                OptionalLong.of(3100), 1280, 720, 29.5, "bandwidth", 7, 2, 12, OptionalDouble.of(42.0),
                Optional.of("relay"));
        List<StreamSession> running = List.of(
                new StreamSession("s-1", "webrtc", 1, Instant.parse("2026-12-07T09:59:00Z"), "CONNECTED",
                        Optional.of(stats)),
                new StreamSession("h-1", "http", 2, Instant.parse("2026-12-07T09:59:30Z"), "serving"));
        services.transports.add(new StreamingTransport() {
            @Override
            public String name() {
                return "webrtc";
            }

            @Override
            public List<StreamSession> sessions() {
                return running;
            }

            @Override
            public boolean stop(String sessionId) {
                return false;
            }
        });

        List<Map<String, Object>> sessions = (List<Map<String, Object>>) json(call("GET", "streams", null))
                .get("sessions");
        Map<String, Object> sent = (Map<String, Object>) sessions.get(0).get("stats");
        assertEquals(2400L, sent.get("bitrateSentKbps"));
        assertEquals(3100L, sent.get("availableOutgoingKbps"));
        assertEquals(1280L, sent.get("frameWidth"));
        assertEquals("bandwidth", sent.get("qualityLimitation"));
        assertEquals(12L, sent.get("packetsLost"));
        assertEquals("relay", sent.get("route"));
        assertEquals(null, sessions.get(1).get("stats"));

        String metrics = api.metrics().text();
        assertTrue(metrics.contains("giggityflix_stream_bitrate_sent_kbps{transport=\"webrtc\",session=\"s-1\"} 2400"),
                metrics);
        assertTrue(metrics.contains("giggityflix_stream_frames_per_second{transport=\"webrtc\",session=\"s-1\"} 29.5"),
                metrics);
        assertTrue(metrics.contains(
                "giggityflix_stream_quality_limited{transport=\"webrtc\",session=\"s-1\",reason=\"bandwidth\"} 1"),
                metrics);
        assertTrue(metrics.contains("giggityflix_stream_round_trip_seconds{transport=\"webrtc\",session=\"s-1\"} 0.042"),
                metrics);
        assertTrue(metrics.contains("giggityflix_stream_relayed{transport=\"webrtc\",session=\"s-1\"} 1"), metrics);
        assertTrue(metrics.contains("# TYPE giggityflix_stream_nacks_total counter"), metrics);
        assertFalse(metrics.contains("session=\"h-1\""), "an unmeasured session has no figures: " + metrics);
    }

    @Test
    void openApiListsEveryEndpoint() {
        String doc = call("GET", "openapi.json", null).text();
        for (String path : List.of("/api/v1/login", "/api/v1/logout", "/api/v1/session", "/api/v1/status",
                "/api/v1/scan", "/api/v1/media", "/api/v1/media/{id}", "/api/v1/media/{id}/screenshots",
                "/api/v1/media/{id}/screenshots/{index}", "/api/v1/providers", "/api/v1/features/{name}/install",
                "/api/v1/features/{name}/uninstall", "/api/v1/config", "/api/v1/config/{pid}", "/api/v1/edge",
                "/api/v1/edge/reconnect", "/api/v1/edge/disconnect", "/api/v1/streams",
                "/api/v1/streams/{transport}/{session}/stop", "/api/v1/openapi.json", "/health", "/metrics")) {
            assertTrue(doc.contains("\"" + path + "\""), path);
        }
    }
}
