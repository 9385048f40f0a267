package org.giggityflix.peer.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.giggityflix.peer.web.internal.RequestGuard.Decision;
import org.giggityflix.peer.web.internal.RequestGuard.Verdict;
import org.giggityflix.peer.web.internal.SessionStore.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code RequestGuardTest} is responsible for proving who gets past the peer's context and who is refused. */
class RequestGuardTest {

    private final Fakes.MutableClock clock = new Fakes.MutableClock();
    private final SessionStore sessions = new SessionStore(clock, Duration.ofMinutes(30));
    private final RequestGuard guard = new RequestGuard(sessions);

    private static RequestGuard.Request get(String path, String query, String sessionId) {
        return new RequestGuard.Request("GET", path, query, "192.168.1.20", -1, sessionId, null, "application/json",
                null, "peer:8080", true);
    }

    private static RequestGuard.Request post(String path, String sessionId, String csrf) {
        return new RequestGuard.Request("POST", path, null, "192.168.1.20", 10, sessionId, csrf, "application/json",
                null, "peer:8080", true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/media/..%2F..%2Fetc%2Fpasswd", "/api/v1/media/%2e%2e/x", "/api/v1/../etc/passwd",
            "/api/v1/media/1/./x", "/api/v1/media%5c..%5cx", "/api/v1//etc/passwd", "/api/v1/media/%00"})
    void traversalInThePathIs400EvenWhenSignedIn(String path) {
        Session s = sessions.create("admin");
        Decision d = guard.decide(get(path, null, s.id()), false);
        assertEquals(400, d.status(), path);
        assertEquals(Verdict.REFUSE, d.verdict());
    }

    @ParameterizedTest
    @ValueSource(strings = {"id=../../etc/passwd", "path=/etc/passwd", "id=..%2F..%2Fsecret", "file=C:%5Cwindows",
            "pid=..", "path=~/x", "q=ok&path=a/../../b", "q=a%00b"})
    void traversalInAPathOrIdParameterIs400(String query) {
        Session s = sessions.create("admin");
        assertEquals(400, guard.decide(get("/api/v1/media", query, s.id()), false).status(), query);
    }

    @Test
    void ordinaryQueriesPass() {
        Session s = sessions.create("admin");
        Decision d = guard.decide(get("/api/v1/media", "q=my%20movie&sort=size&id=12", s.id()), false);
        assertEquals(Verdict.ALLOW, d.verdict());
        assertEquals("admin", d.session().orElseThrow().user());
    }

    @Test
    void oversizedBodyIs413() {
        Session s = sessions.create("admin");
        RequestGuard.Request big = new RequestGuard.Request("PUT", "/api/v1/config/x", null, "10.0.0.2",
                64 * 1024 + 1, s.id(), s.csrfToken(), "application/json", null, "peer:8080", true);
        assertEquals(413, guard.decide(big, false).status());
    }

    @Test
    void withoutSessionTheApiAnswers401AndPagesRedirectToSignIn() {
        assertEquals(401, guard.decide(get("/api/v1/status", null, null), false).status());
        assertEquals(401, guard.decide(get("/api/v1/status", null, "forged-session-id"), false).status());
        assertEquals(401, guard.decide(get("/metrics", null, null), false).status());
        RequestGuard.Request page = new RequestGuard.Request("GET", "/library", "q=x", "192.168.1.20", -1, null, null,
                "text/html,application/xhtml+xml", null, "peer:8080", true);
        Decision d = guard.decide(page, false);
        assertEquals(Verdict.REDIRECT, d.verdict());
        assertEquals("/login?next=%2Flibrary%3Fq%3Dx", d.location());
    }

    @Test
    void healthSignInAndAssetsArePublic() {
        assertEquals(Verdict.ALLOW, guard.decide(get("/health", null, null), false).verdict());
        assertEquals(Verdict.ALLOW, guard.decide(get("/login", null, null), false).verdict());
        assertEquals(Verdict.ALLOW, guard.decide(get("/assets/app.css", null, null), false).verdict());
        assertEquals(Verdict.ALLOW, guard.decide(post("/api/v1/login", null, null), false).verdict());
    }

    @Test
    void signInFromAnotherOriginIsRefused() {
        RequestGuard.Request cross = new RequestGuard.Request("POST", "/api/v1/login", null, "10.0.0.9", 40, null,
                null, "application/json", "https://evil.example", "peer:8080", true);
        assertEquals(403, guard.decide(cross, false).status());
        RequestGuard.Request same = new RequestGuard.Request("POST", "/api/v1/login", null, "10.0.0.9", 40, null,
                null, "application/json", "http://peer:8080", "peer:8080", true);
        assertEquals(Verdict.ALLOW, guard.decide(same, false).verdict());
    }

    @Test
    void stateChangesNeedTheSessionsCsrfToken() {
        Session s = sessions.create("admin");
        Session other = sessions.create("admin");
        assertEquals(403, guard.decide(post("/api/v1/scan", s.id(), null), false).status());
        assertEquals(403, guard.decide(post("/api/v1/scan", s.id(), ""), false).status());
        assertEquals(403, guard.decide(post("/api/v1/scan", s.id(), "forged"), false).status());
        assertEquals(403, guard.decide(post("/api/v1/scan", s.id(), other.csrfToken()), false).status());
        assertEquals(Verdict.ALLOW, guard.decide(post("/api/v1/scan", s.id(), s.csrfToken()), false).verdict());
        // and a signed-out request is 401 before any CSRF question
        assertEquals(401, guard.decide(post("/api/v1/scan", null, s.csrfToken()), false).status());
    }

    @Test
    void anonymousReadOnlyOnlyFromLoopbackOnlyForReadsOnlyWhenAllowed() {
        RequestGuard.Request local = new RequestGuard.Request("GET", "/api/v1/status", null, "127.0.0.1", -1, null,
                null, "application/json", null, "localhost:8080", true);
        RequestGuard.Request local6 = new RequestGuard.Request("GET", "/api/v1/status", null, "0:0:0:0:0:0:0:1", -1,
                null, null, "application/json", null, "localhost:8080", true);
        RequestGuard.Request lan = new RequestGuard.Request("GET", "/api/v1/status", null, "192.168.1.5", -1, null,
                null, "application/json", null, "peer:8080", true);
        RequestGuard.Request localPost = new RequestGuard.Request("POST", "/api/v1/scan", null, "127.0.0.1", 2, null,
                null, "application/json", null, "localhost:8080", true);
        assertEquals(401, guard.decide(local, false).status(), "off by default");
        assertEquals(Verdict.ALLOW_READ_ONLY, guard.decide(local, true).verdict());
        assertEquals(Verdict.ALLOW_READ_ONLY, guard.decide(local6, true).verdict());
        assertEquals(401, guard.decide(lan, true).status());
        assertEquals(401, guard.decide(localPost, true).status());
    }

    @Test
    void idleSessionsExpire() {
        Session s = sessions.create("admin");
        clock.advance(Duration.ofMinutes(29));
        assertEquals(Verdict.ALLOW, guard.decide(get("/api/v1/status", null, s.id()), false).verdict());
        clock.advance(Duration.ofMinutes(31));
        assertEquals(401, guard.decide(get("/api/v1/status", null, s.id()), false).status());
    }

    @Test
    void loopbackIsDecidedOnLiteralsOnly() {
        assertTrue(RequestGuard.isLoopback("127.0.0.1"));
        assertTrue(RequestGuard.isLoopback("[::1]"));
        assertEquals(false, RequestGuard.isLoopback("localhost"));
        assertEquals(false, RequestGuard.isLoopback("10.1.2.3"));
        assertEquals(false, RequestGuard.isLoopback(null));
    }

    // --- API tokens (Authorization: Bearer) ------------------------------------------------------------------

    private static RequestGuard.Request bearer(String method, String path, String authorization, String sessionId) {
        return new RequestGuard.Request(method, path, null, "192.168.1.20", method.equals("GET") ? -1 : 2, sessionId,
                null, "application/json", null, "peer:8080", true, authorization);
    }

    private RequestGuard tokenGuard(TokenStore store) {
        return new RequestGuard(sessions, Credentials.NONE, () -> java.util.Optional.of(store));
    }

    @Test
    void aFullTokenReadsAndChangesWithoutSessionOrCsrf(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        TokenStore store = new TokenStore(dir.resolve("t"), clock);
        String secret = store.create("script", org.giggityflix.peer.api.token.TokenScope.FULL).secret();
        RequestGuard g = tokenGuard(store);
        for (String path : new String[] {"/api/v1/media", "/metrics", "/api/v1/status"}) {
            Decision d = g.decide(bearer("GET", path, "Bearer " + secret, null), false);
            assertEquals(Verdict.ALLOW, d.verdict(), path);
            assertEquals("script", d.token().orElseThrow().name());
            assertTrue(d.session().isEmpty());
        }
        assertEquals(Verdict.ALLOW, g.decide(bearer("POST", "/api/v1/scan", "bearer  " + secret, null), false)
                .verdict(), "no CSRF token asked of a script; the scheme is case-insensitive");
    }

    @Test
    void aReadOnlyTokenReadsButEveryChangeIs403(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        TokenStore store = new TokenStore(dir.resolve("t"), clock);
        String secret = store.create("prometheus", org.giggityflix.peer.api.token.TokenScope.READ_ONLY).secret();
        RequestGuard g = tokenGuard(store);
        assertEquals(Verdict.ALLOW, g.decide(bearer("GET", "/metrics", "Bearer " + secret, null), false).verdict());
        for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE"}) {
            Decision d = g.decide(bearer(method, "/api/v1/config/org.giggityflix.peer.scanner", "Bearer " + secret,
                    null), false);
            assertEquals(403, d.status(), method);
            assertTrue(d.message().contains("read-only"), d.message());
        }
    }

    @Test
    void wrongRevokedOrMalformedTokensAre401EvenWithAGoodSessionCookie(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        TokenStore store = new TokenStore(dir.resolve("t"), clock);
        String secret = store.create("old", org.giggityflix.peer.api.token.TokenScope.FULL).secret();
        store.revoke("old");
        String other = store.create("other", org.giggityflix.peer.api.token.TokenScope.FULL).secret();
        RequestGuard g = tokenGuard(store);
        Session s = sessions.create("admin");
        String wrong = other.substring(0, other.length() - 2) + (other.endsWith("AA") ? "BB" : "AA");
        for (String header : new String[] {"Bearer " + secret, "Bearer " + wrong, "Bearer gfx_short", "Bearer",
                "Bearer ", "Basic YWRtaW46c2VjcmV0", other, "Token " + other, "Bearer " + other + " extra"}) {
            Decision d = g.decide(bearer("GET", "/api/v1/media", header, s.id()), false);
            assertEquals(401, d.status(), header);
            assertTrue(d.bearer(), "answered with WWW-Authenticate: Bearer: " + header);
        }
    }

    @Test
    void tokensCountOnlyOnTheApiAndMetrics(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        TokenStore store = new TokenStore(dir.resolve("t"), clock);
        String secret = store.create("script", org.giggityflix.peer.api.token.TokenScope.FULL).secret();
        RequestGuard g = tokenGuard(store);
        RequestGuard.Request page = new RequestGuard.Request("GET", "/settings", null, "192.168.1.20", -1, null, null,
                "text/html", null, "peer:8080", true, "Bearer " + secret);
        assertEquals(Verdict.REDIRECT, g.decide(page, false).verdict(), "a page still needs the owner's sign-in");
        assertEquals(401, g.decide(bearer("GET", "/play", "Bearer " + secret, null), false).status());
        assertEquals(Verdict.ALLOW, g.decide(bearer("GET", "/health", "Bearer nonsense", null), false).verdict());
    }

    @Test
    void withoutTheTokenServiceABearerRequestIs503() {
        RequestGuard g = new RequestGuard(sessions, Credentials.NONE, java.util.Optional::empty);
        assertEquals(503, g.decide(bearer("GET", "/metrics", "Bearer gfx_" + "A".repeat(43), null), false)
                .status());
    }
}
