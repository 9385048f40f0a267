package org.giggityflix.peer.itests.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaQuery;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.testsupport.Json;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Constants;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.http.runtime.HttpServiceRuntime;
import org.osgi.service.http.runtime.dto.FailedFilterDTO;
import org.osgi.service.http.runtime.dto.FailedPreprocessorDTO;
import org.osgi.service.http.runtime.dto.RuntimeDTO;
import org.osgi.service.http.whiteboard.Preprocessor;

/**
 * {@code WebApiIT} is responsible for proving the web API end to end in the booted distribution: every endpoint as
 * a signed-in owner, and every bad input of issue 5 (wrong password with lockout, missing and forged CSRF token,
 * path traversal, oversized bodies, invalid settings with the old value kept, an unknown PID).
 */
public class WebApiIT extends WebTestSupport {

    private WebClient web;

    @Before
    public void signIn() {
        web = awaitWeb();
        WebClient.Reply r = web.signIn(ADMIN, ADMIN_PASSWORD);
        assertEquals(r.toString(), 200, r.status());
    }

    @Test
    public void healthIsPublicAndTellsNoSecrets() {
        WebClient anonymous = new WebClient(httpPort());
        WebClient.Reply health = anonymous.get("/health");
        assertEquals(200, health.status());
        Map<String, Object> json = health.json();
        assertTrue(List.of("ok", "degraded").contains(json.get("status")));
        assertEquals("up", Json.at(json, "components", "catalog"));
        assertFalse(health.body().contains(PEER_ID));
        assertFalse(health.body().contains(dataDir().toString()));
        assertFalse(health.body().contains(mediaDir().toString()));
    }

    @Test
    public void everythingElseNeedsASignIn() {
        WebClient anonymous = new WebClient(httpPort());
        for (String path : List.of("/api/v1/status", "/api/v1/media", "/api/v1/config", "/api/v1/openapi.json",
                "/metrics", "/api/v1/session")) {
            assertEquals(path, 401, anonymous.get(path).status());
        }
        WebClient.Reply page = anonymous.send("GET", "/library", null, Map.of("Accept", "text/html"));
        assertEquals(302, page.status());
        assertEquals("/login?next=%2Flibrary", page.header("Location").orElseThrow());
        assertEquals(200, anonymous.send("GET", "/login", null, Map.of("Accept", "text/html")).status());
        assertEquals(401, anonymous.post("/api/v1/scan", "{}").status());
        // a made-up session cookie is no session
        WebClient.Reply forged = anonymous.send("GET", "/api/v1/status", null,
                Map.of("Cookie", "GIGGITYFLIX_SESSION=" + "A".repeat(43)));
        assertEquals(401, forged.status());
    }

    @Test
    public void signInSetsAStrictHttpOnlyCookieAndSignOutEndsTheSession() {
        WebClient other = new WebClient(httpPort());
        WebClient.Reply r = other.signIn(ADMIN, ADMIN_PASSWORD);
        String cookie = r.header("Set-Cookie").orElseThrow();
        assertTrue(cookie, cookie.contains("HttpOnly"));
        assertTrue(cookie, cookie.contains("SameSite=Strict"));
        assertFalse("plain HTTP: not Secure", cookie.contains("Secure"));
        assertNotEquals(web.cookie(), other.cookie());
        Map<String, Object> session = other.get("/api/v1/session").json();
        assertEquals(ADMIN, session.get("user"));
        assertEquals(other.csrf(), session.get("csrfToken"));
        assertEquals(200, other.post("/api/v1/logout", "{}").status());
        assertEquals(401, other.get("/api/v1/status").status());
        // the first session is untouched
        assertEquals(200, web.get("/api/v1/status").status());
        // and a sign-in is logged where peer:log finds it
        String log = executeCommand("peer:log 200");
        assertTrue(log, log.contains("web sign-in: " + ADMIN));
    }

    @Test
    public void wrongPasswordsLockTheAddressOutAndAccountsWithoutAdminAreRefused() {
        String from = "127.0.0.3"; // its own address, so other tests' sign-ins are not locked out
        for (int i = 1; i <= 4; i++) {
            assertEquals("failure " + i, 401, login(from, ADMIN, "wrong-" + i).status());
        }
        WebClient.Reply fifth = login(from, ADMIN, "wrong-5");
        assertEquals(fifth.toString(), 429, fifth.status());
        WebClient.Reply right = login(from, ADMIN, ADMIN_PASSWORD);
        assertEquals("locked out even with the right password", 429, right.status());
        assertTrue(right.body(), right.body().contains("Too many failed sign-ins"));
        assertEquals("another address is not locked", 200, login("127.0.0.4", ADMIN, ADMIN_PASSWORD).status());
        WebClient.Reply viewer = login("127.0.0.5", VIEWER, VIEWER_PASSWORD);
        WebClient.Reply nobody = login("127.0.0.6", "nobody", "x");
        assertEquals("a right password without the admin role: the same answer", 401, viewer.status());
        assertEquals(nobody.body(), viewer.body());
        assertEquals(401, login("127.0.0.5", "nobody", "x").status());
        assertEquals(400, WebClient.raw(httpPort(), "127.0.0.5", request("POST", "/api/v1/login", "{\"user\":1}",
                "")).status());
    }

    @Test
    public void aPasswordPutIntoUsersPropertiesByHandSignsInRightAway() throws Exception {
        // The owner may write a plain password into etc/users.properties (etc/org.apache.karaf.jaas.cfg says so).
        // Karaf refuses it until its watcher has hashed it, a moment after the file changed; a sign-in right then
        // answered "wrong password" to the right one (ApiTokenIT's first sign-in in clean-clone runs: the test's
        // plain passwords were not hashed yet). It now waits for the hash.
        Path users = karafBase().resolve("etc/users.properties");
        Files.writeString(users, "\nhandmade = typed-by-hand-1,_g_:admingroup\n", StandardOpenOption.APPEND);
        WebClient.Reply right = login("127.0.0.8", "handmade", "typed-by-hand-1");
        assertEquals(right.toString(), 200, right.status());
        String stored = Files.readString(users);
        assertFalse("hashed by now: " + stored, stored.contains("typed-by-hand-1"));

        Files.writeString(users, "\nhandmade2 = typed-by-hand-2,_g_:admingroup\n", StandardOpenOption.APPEND);
        WebClient.Reply wrong = login("127.0.0.9", "handmade2", "not-typed-by-hand");
        assertEquals(wrong.toString(), 401, wrong.status());
        assertTrue(wrong.body(), wrong.body().contains("Wrong user name or password."));
        String log = executeCommand("peer:log --level WARN 50");
        assertTrue("the refusal's reason is in the log: " + log,
                log.contains("FailedLoginException") || log.contains("does not match the entry"));
    }

    private WebClient.Reply login(String from, String user, String password) {
        return WebClient.raw(httpPort(), from, request("POST", "/api/v1/login",
                "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}", ""));
    }

    private String request(String method, String path, String body, String extraHeaders) {
        return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + httpPort() + "\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.getBytes().length + "\r\n"
                + extraHeaders + "\r\n" + body;
    }

    @Test
    public void stateChangesNeedTheSessionsCsrfToken() {
        assertEquals(403, web.send("POST", "/api/v1/scan", "{}", Map.of()).status());
        assertEquals(403, web.send("POST", "/api/v1/scan", "{}", Map.of("X-CSRF-Token", "forged")).status());
        WebClient other = new WebClient(httpPort());
        other.signIn(ADMIN, ADMIN_PASSWORD);
        assertEquals("another session's token", 403,
                web.send("POST", "/api/v1/scan", "{}", Map.of("X-CSRF-Token", other.csrf())).status());
        assertEquals(403, web.send("PUT", "/api/v1/config/" + PID_SCANNER, "{\"values\":{}}", Map.of()).status());
        assertEquals(403, web.send("POST", "/api/v1/features/peer-hash-blake3/install", "{}", Map.of()).status());
        WebClient.Reply ok = web.post("/api/v1/scan", "{\"full\":false}");
        assertEquals(ok.toString(), 202, ok.status());
    }

    @Test
    public void statusMediaDetailAndMetricsMatchTheCatalog() throws Exception {
        mediaTree(mediaDir().resolve("lib")).file("shows/alpha.mp4", 40_000).file("movies/beta.mkv", 90_000)
                .file("movies/gamma.avi", 10_000);
        Path lib = mediaDir().resolve("lib");
        awaitCataloged(lib.resolve("shows/alpha.mp4"), lib.resolve("movies/beta.mkv"), lib.resolve("movies/gamma.avi"));
        MediaCatalog catalog = awaitService(MediaCatalog.class);
        Map<MediaStatus, Long> counts = catalog.countByStatus();

        Map<String, Object> status = web.get("/api/v1/status").json();
        assertEquals(PEER_ID, status.get("peerId"));
        for (MediaStatus s : MediaStatus.values()) {
            assertEquals(s.name(), counts.get(s), Json.at(status, "counts", s.name().toLowerCase()));
        }
        assertNotNull(Json.at(status, "edge", "state"));

        Map<String, Object> list = web.get("/api/v1/media?q=lib%2F&sort=size&order=desc").json();
        assertEquals(3L, list.get("total"));
        assertEquals("beta.mkv", Json.at(list, "items", 0, "name"));
        assertEquals("gamma.avi", Json.at(list, "items", 2, "name"));
        Map<String, Object> search = web.get("/api/v1/media?q=LIB%2FSHOWS%2F").json();
        assertEquals(1L, search.get("total"));
        assertEquals(400, web.get("/api/v1/media?sort=evil").status());
        assertEquals(400, web.get("/api/v1/media?limit=100000").status());

        MediaFile beta = catalog.list(MediaQuery.firstPage(10)).stream()
                .filter(f -> f.fileName().equals("beta.mkv")).findFirst().orElseThrow();
        Map<String, Object> detail = web.get("/api/v1/media/" + beta.luid()).json();
        assertEquals(beta.path().toString(), detail.get("path"));
        assertEquals(digest(beta.path(), "MD5"), Json.at(detail, "hashes", "md5"));
        assertEquals(digest(beta.path(), "SHA-1"), Json.at(detail, "hashes", "sha1"));
        assertEquals(404, web.get("/api/v1/media/987654").status());
        assertEquals(400, web.get("/api/v1/media/beta.mkv").status());

        Map<String, Object> scan = web.get("/api/v1/scan").json();
        assertEquals(Boolean.FALSE, scan.get("running"));
        assertEquals(mediaDir().toString(), Json.at(scan, "roots", 0, "root"));
        assertNotNull(Json.at(scan, "last", "durationSeconds"));

        String metrics = web.get("/metrics").body();
        for (MediaStatus s : MediaStatus.values()) {
            assertTrue(metrics, metrics.contains("giggityflix_files{status=\"" + s.name().toLowerCase() + "\"} "
                    + counts.get(s) + "\n"));
        }
        assertTrue(metrics, metrics.contains("# TYPE giggityflix_last_scan_duration_seconds gauge"));
        assertTrue(metrics, metrics.contains("giggityflix_last_scan_bytes_hashed "));
        assertTrue(metrics, metrics.matches("(?s).*giggityflix_edge_state\\{state=\"[a-z_]+\"} 1\n.*"));
        assertTrue(metrics, metrics.contains("giggityflix_web_sessions "));
    }

    @Test
    public void screenshotsOfARealVideoAreJpegs() throws Exception {
        assumeTrue("ffmpeg makes the test video", ffmpegAvailable());
        Path clip = video(mediaDir().resolve("clips/pattern.mp4"), 4, "320x240");
        MediaCatalog catalog = awaitService(MediaCatalog.class);
        MediaFile file = awaitValue("the clip is probed", Duration.ofSeconds(60),
                () -> catalog.findByPath(clip).orElse(null),
                f -> f != null && f.status() == MediaStatus.READY && f.metadata().isPresent());
        Map<String, Object> shots = web.get("/api/v1/media/" + file.luid() + "/screenshots?count=2").json();
        assertEquals(2, ((List<?>) shots.get("screenshots")).size());
        assertEquals(320L, Json.at(shots, "screenshots", 0, "width"));
        byte[] jpeg = web.bytes((String) Json.at(shots, "screenshots", 1, "url"));
        assertEquals((byte) 0xFF, jpeg[0]);
        assertEquals((byte) 0xD8, jpeg[1]);
        assertEquals(400, web.get("/api/v1/media/" + file.luid() + "/screenshots?count=99").status());
        assertEquals(400, web.get("/api/v1/media/" + file.luid() + "/screenshots/5?count=2").status());
        assertEquals(404, web.get("/api/v1/media/987654/screenshots").status());
    }

    @Test
    public void providersListServicesAndFeaturesInstallAndUninstall() {
        Map<String, Object> p = web.get("/api/v1/providers").json();
        assertTrue(p.toString(), ((List<?>) p.get("services")).stream()
                .anyMatch(s -> "md5".equals(((Map<?, ?>) s).get("name"))));
        assertTrue(((List<?>) p.get("bundles")).stream()
                .anyMatch(b -> "org.giggityflix.peer.web".equals(((Map<?, ?>) b).get("symbolicName"))));
        assertTrue(((List<?>) p.get("features")).stream().anyMatch(f -> "peer-web".equals(((Map<?, ?>) f).get("name"))
                && Boolean.TRUE.equals(((Map<?, ?>) f).get("installed"))));

        String blake3 = "(algorithm=blake3)";
        String hash = "org.giggityflix.peer.api.hash.HashProvider";
        assertEquals(202, web.post("/api/v1/features/peer-hash-blake3/install", "{}").status());
        await("blake3 installed through the web API", Duration.ofSeconds(60), () -> hasService(hash, blake3));
        await("the install is no longer pending", Duration.ofSeconds(30), () -> !web.get("/api/v1/providers").body()
                .contains("\"pending\":\"installing\""));
        assertEquals(202, web.post("/api/v1/features/peer-hash-blake3/uninstall", "{}").status());
        await("blake3 removed through the web API", Duration.ofSeconds(60), () -> !hasService(hash, blake3));

        assertEquals(409, web.post("/api/v1/features/peer-web/uninstall", "{}").status());
        assertEquals(400, web.post("/api/v1/features/standard/install", "{}").status());
        assertEquals(404, web.post("/api/v1/features/peer-nope/install", "{}").status());
    }

    @Test
    public void settingsAreValidatedAgainstTheMetatypeAndAppliedWhenValid() throws Exception {
        Map<String, Object> all = web.get("/api/v1/config").json();
        List<?> pids = (List<?>) all.get("pids");
        assertTrue(pids.stream().anyMatch(x -> PID_SCANNER.equals(((Map<?, ?>) x).get("pid"))));
        assertTrue(pids.stream().anyMatch(x -> "org.giggityflix.peer.web".equals(((Map<?, ?>) x).get("pid"))));

        ConfigurationAdmin cm = configAdmin();
        Object before = cm.getConfiguration(PID_SCANNER, "?").getProperties().get("scanIntervalMinutes");
        WebClient.Reply bad = web.put("/api/v1/config/" + PID_SCANNER,
                "{\"values\":{\"scanIntervalMinutes\":\"soon\",\"extractMetadata\":\"maybe\"}}");
        assertEquals(bad.toString(), 400, bad.status());
        assertTrue(bad.body(), ((String) Json.at(bad.json(), "fields", "scanIntervalMinutes")).contains("soon"));
        assertNotNull(Json.at(bad.json(), "fields", "extractMetadata"));
        WebClient.Reply range = web.put("/api/v1/config/" + PID_SCANNER, "{\"values\":{\"scanIntervalMinutes\":-3}}");
        assertEquals(range.toString(), 400, range.status());
        assertEquals("old value kept", before,
                cm.getConfiguration(PID_SCANNER, "?").getProperties().get("scanIntervalMinutes"));
        assertEquals(404, web.put("/api/v1/config/org.giggityflix.peer.nosuch", "{\"values\":{}}").status());
        assertEquals(404, web.get("/api/v1/config/org.giggityflix.peer.nosuch").status());
        assertEquals(400, web.put("/api/v1/config/" + PID_SCANNER, "not json").status());

        WebClient.Reply ok = web.put("/api/v1/config/" + PID_SCANNER, "{\"values\":{\"scanIntervalMinutes\":\"45\"}}");
        assertEquals(ok.toString(), 200, ok.status());
        Configuration c = cm.getConfiguration(PID_SCANNER, "?");
        assertEquals(45, c.getProperties().get("scanIntervalMinutes"));
        assertEquals(45L, Json.at(web.get("/api/v1/config/" + PID_SCANNER).json(), "values",
                "scanIntervalMinutes"));
    }

    @Test
    public void anonymousReadOnlyFromLoopbackOnlyWhenTheOwnerAllowsIt() {
        WebClient anonymous = new WebClient(httpPort());
        assertEquals(401, anonymous.get("/api/v1/status").status());
        assertEquals(200, web.put("/api/v1/config/org.giggityflix.peer.web",
                "{\"values\":{\"anonymousLoopbackReadOnly\":true}}").status());
        try {
            await("read-only loopback access", TIMEOUT, () -> anonymous.get("/api/v1/status").status() == 200);
            assertEquals(Boolean.TRUE, anonymous.get("/api/v1/session").json().get("readOnly"));
            assertEquals("no changes without sign-in", 401, anonymous.post("/api/v1/scan", "{}").status());
            assertEquals(401, anonymous.put("/api/v1/config/" + PID_SCANNER, "{\"values\":{}}").status());
        } finally {
            assertEquals(200, web.put("/api/v1/config/org.giggityflix.peer.web",
                    "{\"values\":{\"anonymousLoopbackReadOnly\":false}}").status());
        }
        await("read-only access off again", TIMEOUT, () -> anonymous.get("/api/v1/status").status() == 401);
    }

    @Test
    public void edgeAndStreams() {
        Map<String, Object> edge = web.get("/api/v1/edge").json();
        assertEquals("localhost:" + edgePort(), edge.get("address"));
        assertNotNull(edge.get("state"));
        assertEquals(202, web.post("/api/v1/edge/reconnect", "{}").status());
        Map<String, Object> streams = web.get("/api/v1/streams").json();
        assertTrue(streams.containsKey("transports"));
        assertTrue(((List<?>) streams.get("sessions")).isEmpty());
        assertEquals(404, web.post("/api/v1/streams/nosuch/abc/stop", "{}").status());
    }

    /**
     * The UI's files are HTTP Whiteboard resources in the peer's context: the sign-in page's files open without a
     * session, with the content types and caching the pages were always served with (the browser revalidates with
     * the ETag: 304), no folder listing; and they pass the same front door as every page (a Host that does not name
     * this machine: 421).
     */
    @Test
    public void theUiFilesAreWhiteboardResourcesBehindTheSameDoor() {
        WebClient anonymous = new WebClient(httpPort());
        Map<String, String> types = Map.of("/assets/app.css", "text/css;charset=utf-8",
                "/assets/app.js", "text/javascript;charset=utf-8", "/assets/player.js", "text/javascript;charset=utf-8",
                "/assets/favicon.svg", "image/svg+xml", "/favicon.ico", "image/svg+xml");
        types.forEach((path, type) -> {
            WebClient.Reply r = anonymous.send("GET", path, null, Map.of());
            assertEquals(path + " " + r.headers(), 200, r.status());
            assertEquals(path, type, r.header("Content-Type").orElse("").replace(" ", "").toLowerCase());
            assertEquals(path, "no-cache", r.header("Cache-Control").orElse(""));
            assertEquals(path + ": the context's security headers", "nosniff",
                    r.header("X-Content-Type-Options").orElse(""));
            assertFalse(path, r.body().isEmpty());
            String etag = r.header("ETag").orElseThrow(() -> new AssertionError(path + " has no ETag"));
            assertEquals(path + " unchanged", 304,
                    anonymous.send("GET", path, null, Map.of("If-None-Match", etag)).status());
        });
        assertEquals(404, anonymous.send("GET", "/assets/nosuch.js", null, Map.of()).status());
        WebClient.Reply folder = anonymous.send("GET", "/assets/", null, Map.of());
        assertNotEquals("no listing of the folder", 200, folder.status());
        assertFalse(folder.body(), folder.body().contains("app.css"));
        WebClient.Reply rebound = WebClient.raw(httpPort(), "127.0.0.1",
                "GET /assets/app.js HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
        assertEquals(rebound.toString(), 421, rebound.status());
    }

    /**
     * No whiteboard filter or preprocessor of the running peer is shadowed. pax-web 8 names an unnamed filter after
     * its interface, and of two filters with one name only one runs, silently: that once switched off the front door
     * (ClientGate) when the UI files got their filter.
     */
    @Test
    public void everyWhiteboardFilterAndPreprocessorRuns() throws Exception {
        RuntimeDTO runtime = awaitService(HttpServiceRuntime.class).getRuntimeDTO();
        assertEquals(failures(runtime.failedPreprocessorDTOs), 0, runtime.failedPreprocessorDTOs.length);
        assertEquals(failures(runtime.failedFilterDTOs), 0, runtime.failedFilterDTOs.length);
        long frontDoor = (Long) bundleContext.getServiceReferences(Preprocessor.class,
                "(osgi.http.whiteboard.filter.name=giggityflix-client-gate)").iterator().next()
                .getProperty(Constants.SERVICE_ID);
        assertTrue("the front door runs", Arrays.stream(runtime.preprocessorDTOs)
                .anyMatch(p -> p.serviceId == frontDoor));
        assertTrue("the UI files are a whiteboard resource of the peer's context", Arrays.stream(runtime.servletContextDTOs)
                .filter(c -> "giggityflix".equals(c.name))
                .flatMap(c -> Arrays.stream(c.resourceDTOs))
                .anyMatch(r -> Arrays.asList(r.patterns).contains("/assets/*")));
    }

    private static String failures(Object[] failed) {
        return Arrays.stream(failed).map(f -> f instanceof FailedFilterDTO ff
                ? ff.name + " (" + ff.failureReason + ")" : f instanceof FailedPreprocessorDTO fp
                ? fp.serviceId + " (" + fp.failureReason + ")" : String.valueOf(f)).toList().toString();
    }

    @Test
    public void pathTraversalIsRefusedEverywhere() {
        String cookie = web.cookie();
        for (String path : List.of("/api/v1/media/..%2F..%2Fetc%2Fpasswd", "/api/v1/media/%2e%2e/%2e%2e/etc/passwd",
                "/api/v1/media?id=../../etc/passwd", "/api/v1/media?path=/etc/passwd",
                "/api/v1/media?file=..%5C..%5Cwindows", "/api/v1/config/..%2F..%2Fetc", "/assets/..%2F..%2Fopenapi.json",
                "/api/v1/media/1/screenshots/..%2F..%2F..%2Fpeer-id", "/play?id=../../etc/passwd")) {
            WebClient.Reply r = WebClient.raw(httpPort(), "127.0.0.1", "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\nCookie: " + cookie + "\r\n\r\n");
            assertEquals(path + " -> " + r.body(), 400, r.status());
            assertFalse(path, r.body().contains("root:"));
        }
    }

    @Test
    public void oversizedBodiesAre413() {
        String big = "{\"values\":{\"excludeDirs\":\"" + "x".repeat(70 * 1024) + "\"}}";
        assertEquals(413, web.put("/api/v1/config/" + PID_SCANNER, big).status());
        // without a Content-Length (chunked) the limit holds while reading
        StringBuilder chunked = new StringBuilder("PUT /api/v1/config/" + PID_SCANNER + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\nCookie: " + web.cookie() + "\r\nX-CSRF-Token: " + web.csrf()
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (int i = 0; i < 70; i++) {
            chunked.append("400\r\n").append("y".repeat(1024)).append("\r\n");
        }
        chunked.append("0\r\n\r\n");
        assertEquals(413, WebClient.raw(httpPort(), "127.0.0.1", chunked.toString()).status());
        assertEquals("nothing was stored", 200, web.get("/api/v1/status").status());
    }

    @Test
    public void anotherBundlesServletInTheGiggityflixContextIsGuardedToo() throws Exception {
        javax.servlet.http.HttpServlet echo = new javax.servlet.http.HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void service(javax.servlet.http.HttpServletRequest req, javax.servlet.http.HttpServletResponse resp)
                    throws java.io.IOException {
                resp.setContentType("text/plain");
                resp.getWriter().print(req.getMethod() + " by " + req.getAttribute(
                        org.giggityflix.peer.api.web.PeerWebContext.REMOTE_USER_ATTRIBUTE));
            }
        };
        java.util.Hashtable<String, Object> props = new java.util.Hashtable<>();
        props.put("osgi.http.whiteboard.servlet.pattern", "/itest-echo");
        props.put("osgi.http.whiteboard.context.select", org.giggityflix.peer.api.web.PeerWebContext.CONTEXT_SELECT);
        org.osgi.framework.ServiceRegistration<?> reg =
                bundleContext.registerService(javax.servlet.Servlet.class, echo, props);
        try {
            await("the probe's servlet is served", TIMEOUT, () -> web.get("/itest-echo").status() == 200);
            assertEquals("GET by " + ADMIN, web.get("/itest-echo").body());
            assertEquals(401, new WebClient(httpPort()).get("/itest-echo").status());
            assertEquals(403, web.send("POST", "/itest-echo", "{}", Map.of()).status());
            assertEquals("POST by " + ADMIN, web.post("/itest-echo", "{}").body());
            assertEquals(400, web.get("/itest-echo?id=..%2F..%2Fetc%2Fpasswd").status());
        } finally {
            reg.unregister();
        }
    }

    @Test
    public void openApiDescribesEveryEndpointAndUnknownOnesAre404() {
        Map<String, Object> doc = web.get("/api/v1/openapi.json").json();
        assertEquals("3.0.3", doc.get("openapi"));
        Map<?, ?> paths = (Map<?, ?>) doc.get("paths");
        for (String p : List.of("/api/v1/login", "/api/v1/logout", "/api/v1/session", "/api/v1/status",
                "/api/v1/scan", "/api/v1/media", "/api/v1/media/{id}", "/api/v1/media/{id}/screenshots",
                "/api/v1/media/{id}/screenshots/{index}", "/api/v1/providers", "/api/v1/features/{name}/install",
                "/api/v1/features/{name}/uninstall", "/api/v1/config", "/api/v1/config/{pid}", "/api/v1/edge",
                "/api/v1/edge/reconnect", "/api/v1/edge/disconnect", "/api/v1/streams",
                "/api/v1/streams/{transport}/{session}/stop", "/api/v1/openapi.json", "/health", "/metrics")) {
            assertTrue(p, paths.containsKey(p));
        }
        assertEquals(404, web.get("/api/v1/nosuch").status());
        assertEquals(405, web.send("DELETE", "/api/v1/status", null, Map.of("X-CSRF-Token", web.csrf())).status());
    }
}
