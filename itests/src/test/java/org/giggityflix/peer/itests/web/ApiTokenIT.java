package org.giggityflix.peer.itests.web;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.giggityflix.peer.testsupport.Browser;
import org.giggityflix.peer.testsupport.Tools;
import org.giggityflix.peer.testsupport.Tools.Tool;
import org.junit.Test;

/**
 * {@code ApiTokenIT} is responsible for proving API tokens and the backup button in the booted distribution: a token
 * made with {@code peer:token-add} lets a plain HTTP client (no cookie, no CSRF token) scrape {@code /metrics} in
 * Prometheus format and read {@code /api/v1/media}; a read-only token cannot change anything; a wrong, revoked or
 * malformed one is 401; tokens cannot manage tokens or backups; the settings page makes a token (shown once) and a
 * backup that can be downloaded, in headless Chromium.
 */
public class ApiTokenIT extends WebTestSupport {

    private static final Pattern SECRET = Pattern.compile("^(gfx_[A-Za-z0-9_-]{43})$", Pattern.MULTILINE);
    private static final Duration UI = Duration.ofSeconds(30);

    private String addToken(String command) {
        String out = executeCommand(command);
        Matcher m = SECRET.matcher(out);
        assertTrue(out, m.find());
        return m.group(1);
    }

    private static WebClient.Reply bearer(WebClient client, String method, String path, String token) {
        return client.send(method, path, method.equals("GET") ? null : "{}",
                Map.of("Authorization", "Bearer " + token, "Accept", "application/json"));
    }

    @Test
    public void aTokenFromTheConsoleScrapesMetricsAndReadsTheLibraryWithoutASession() throws Exception {
        mediaTree(mediaDir()).file("tokens/a.mp4", 2048).file("tokens/b.mkv", 4096);
        awaitCataloged(mediaDir().resolve("tokens/a.mp4"), mediaDir().resolve("tokens/b.mkv"));
        WebClient script = awaitWeb();
        String prometheus = addToken("peer:token-add --read-only prometheus");

        WebClient.Reply metrics = bearer(script, "GET", "/metrics", prometheus);
        assertEquals(metrics.toString(), 200, metrics.status());
        assertTrue(metrics.header("Content-Type").orElse(""), metrics.header("Content-Type").orElse("")
                .startsWith("text/plain; version=0.0.4"));
        assertTrue(metrics.body(), metrics.body().contains("# TYPE giggityflix_files gauge"));
        assertTrue(metrics.body(), Pattern.compile("(?m)^giggityflix_files\\{status=\"[a-z]+\"\\} \\d+$")
                .matcher(metrics.body()).find());
        assertFalse("no session was made for it", metrics.header("Set-Cookie").isPresent());

        WebClient.Reply media = bearer(script, "GET", "/api/v1/media?limit=500", prometheus);
        assertEquals(media.toString(), 200, media.status());
        assertTrue(media.body(), media.body().contains("a.mp4") && media.body().contains("b.mkv"));

        // read-only: every change refused, nothing done
        WebClient.Reply scan = bearer(script, "POST", "/api/v1/scan", prometheus);
        assertEquals(scan.toString(), 403, scan.status());
        assertTrue(scan.body(), scan.body().contains("read-only"));
        assertEquals(403, bearer(script, "PUT", "/api/v1/config/org.giggityflix.peer.scanner", prometheus).status());

        // a full token changes things without a CSRF token (a script is not a browser)
        String full = addToken("peer:token-add nightly-script");
        WebClient.Reply started = bearer(script, "POST", "/api/v1/scan", full);
        assertTrue(started.toString(), started.status() == 200 || started.status() == 202);

        // but neither kind manages tokens or backups
        assertEquals(403, bearer(script, "GET", "/api/v1/tokens", full).status());
        assertEquals(403, bearer(script, "POST", "/api/v1/backup", full).status());

        // wrong, malformed, another scheme: 401 with a Bearer challenge
        String wrong = full.substring(0, full.length() - 2) + (full.endsWith("AA") ? "BB" : "AA");
        WebClient.Reply refused = bearer(script, "GET", "/metrics", wrong);
        assertEquals(refused.toString(), 401, refused.status());
        assertTrue(refused.header("WWW-Authenticate").orElse("").startsWith("Bearer"));
        for (String header : List.of("Bearer", "Bearer " + full + " x", "Basic " + full, full)) {
            assertEquals(header, 401, script.send("GET", "/api/v1/media", null, Map.of("Authorization", header))
                    .status());
        }

        // list: names, scopes and use, never a secret; the file holds hashes only
        String list = executeCommand("peer:token-list");
        assertTrue(list, list.contains("prometheus") && list.contains("read-only"));
        assertTrue(list, list.contains("nightly-script") && list.contains("full"));
        assertFalse(list, list.contains(prometheus) || list.contains(full));
        String stored = Files.readString(dataDir().resolve("api-tokens"));
        assertFalse(stored, stored.contains(prometheus) || stored.contains(full));

        // revoked: refused at once
        assertTrue(executeCommand("peer:token-revoke prometheus").contains("revoked"));
        assertEquals(401, bearer(script, "GET", "/metrics", prometheus).status());
        assertEquals(200, bearer(script, "GET", "/metrics", full).status());
        assertTrue(executeCommand("peer:token-revoke prometheus").contains("No token named 'prometheus'"));
        executeCommand("peer:token-revoke nightly-script");
    }

    @Test
    public void theOwnerBacksUpFromTheApiAndDownloadsTheArchive() throws Exception {
        WebClient owner = awaitWeb();
        // The class's first sign-in: it answered 401 in clean-clone runs while the plain passwords WebTestSupport
        // writes into users.properties were not hashed yet (Karaf refuses them until then). peer-jaas now hashes them
        // when it starts and the sign-in waits for the hash. The reply is in the message, and a failure keeps the
        // container's log (EvidenceOnFailure).
        WebClient.Reply signedIn = owner.signIn(ADMIN, ADMIN_PASSWORD);
        assertEquals(signedIn.toString(), 200, signedIn.status());
        addToken("peer:token-add --read-only in-backup");
        WebClient.Reply noCsrf = owner.send("POST", "/api/v1/backup", "{}", Map.of());
        assertEquals("the button's POST needs the CSRF token", 403, noCsrf.status());

        WebClient.Reply written = owner.post("/api/v1/backup", "{}");
        assertEquals(written.toString(), 200, written.status());
        Path file = Path.of((String) written.json().get("file"));
        assertEquals(dataDir().resolve("backups"), file.getParent());
        assertTrue(Files.isRegularFile(file));
        byte[] zip = owner.bytes((String) written.json().get("download"));
        assertArrayEquals(Files.readAllBytes(file), zip);
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        // (the test peer's id is configured, not generated: no data/peer-id here)
        assertTrue(names.toString(), names.containsAll(List.of("backup.properties", "catalog.db", "data/api-tokens",
                "etc/users.properties", "etc/org.giggityflix.peer.cfg")));
        assertEquals(404, owner.get("/api/v1/backup/not-there.zip").status());
        executeCommand("peer:token-revoke in-backup");
    }

    @Test
    public void theSettingsPageMakesATokenShownOnceAndABackup() throws Exception {
        assumeTrue("Debian chromium + chromium-driver", Tools.present(Tool.CHROMIUM));
        WebClient web = awaitWeb();
        String base = web.base();
        try (Browser browser = new Browser()) {
            browser.open(base + "/login?next=%2Fsettings");
            browser.waitFor("the sign-in form", UI, "return document.querySelector('#login-submit') !== null;",
                    Boolean.TRUE::equals);
            browser.type("#username", ADMIN);
            browser.type("#password", ADMIN_PASSWORD);
            browser.click("#login-submit");
            browser.waitFor("the settings page", UI, "return location.pathname;", "/settings"::equals);
            browser.waitFor("the token table", UI, "return document.querySelector('#tokens-body').textContent;",
                    v -> v != null && !v.toString().isEmpty());

            browser.type("#token-name", "grafana");
            browser.click("#token-create");
            Object secret = browser.waitFor("the new token", UI,
                    "return document.querySelector('#token-secret').textContent;",
                    v -> v != null && SECRET.matcher(v.toString()).matches());
            browser.waitFor("the token in the table", UI,
                    "return document.querySelector('#tokens-body').textContent;",
                    v -> String.valueOf(v).contains("grafana") && String.valueOf(v).contains("read-only"));
            assertEquals(200, bearer(new WebClient(httpPort()), "GET", "/metrics", secret.toString()).status());
            browser.screenshot(shotsDir().resolve("settings-token.png"));

            browser.type("#token-name", "bad name!");
            browser.click("#token-create");
            Object error = browser.waitFor("the refusal", UI,
                    "return document.querySelector('#token-state').textContent;",
                    v -> String.valueOf(v).contains("1 to 64 letters"));
            assertNotNull(error);

            browser.click("#backup-now");
            Object done = browser.waitFor("the backup written", Duration.ofSeconds(60),
                    "return document.querySelector('#backup-state').textContent;",
                    v -> String.valueOf(v).startsWith("Backup written to "));
            assertTrue(done.toString(), done.toString().contains(dataDir().resolve("backups").toString()));
            String href = browser.text("return document.querySelector('#backup-download').getAttribute('href');");
            assertTrue(href, href.startsWith("/api/v1/backup/peer-backup-"));
            browser.screenshot(shotsDir().resolve("settings-backup.png"));

            browser.click("button[aria-label='Revoke token grafana']");
            browser.waitFor("the token gone", UI, "return document.querySelector('#tokens-body').textContent;",
                    v -> !String.valueOf(v).contains("grafana"));
            assertEquals(401, bearer(new WebClient(httpPort()), "GET", "/metrics", secret.toString()).status());
        }
    }

    private static Path shotsDir() {
        return workDir().getParent().getParent().resolve("screenshots").resolve("web");
    }
}
