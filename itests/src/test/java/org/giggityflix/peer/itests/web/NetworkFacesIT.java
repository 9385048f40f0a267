package org.giggityflix.peer.itests.web;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.stream.SignedLinks;
import org.giggityflix.peer.testsupport.Browser;
import org.giggityflix.peer.testsupport.NetNamespace;
import org.giggityflix.peer.testsupport.Tools;
import org.giggityflix.peer.testsupport.Tools.Tool;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.osgi.service.cm.Configuration;

/**
 * {@code NetworkFacesIT} is responsible for proving the two network faces of the booted distribution as a client
 * outside the home network sees them: from a network namespace each test makes with test-support's
 * {@link NetNamespace} (a veth pair with a /30 of 203.0.113.0/24, not a home network; a name and addresses of its own,
 * so runs beside this one never collide), {@code curl} gets signed stream ranges and {@code /health},
 * and 403 with no page for the UI, sign-in, API, OpenAPI, metrics and player, also with a forged
 * {@code X-Forwarded-For}; from this machine the same peer signs in. HTTPS with the keystore pax-web was given:
 * HSTS, a {@code Secure} cookie, the fingerprint in {@code peer:status} and the API; remote administration (HTTPS
 * only, a home cookie refused from outside); a Host that is not this machine (421); and in headless Chromium, the
 * sign-in's {@code next} tricks that must not leave the peer. The namespace is removed after each test, also when
 * it failed; one a killed run left behind is swept by the next {@link NetNamespace#create()}.
 */
public class NetworkFacesIT extends WebTestSupport {

    private static final String STORE_PASSWORD = "itest-https-store";
    private static final Duration UI = Duration.ofSeconds(30);
    private static final String WEB_PID = "org.giggityflix.peer.web";

    /** The client outside the home network, made for each test and removed after it. */
    private NetNamespace outsideNet;
    private static Path clip;
    private static long luid;
    private static long otherLuid;

    @Override
    protected List<Option> extraOptions(Path work) throws IOException {
        List<Option> options = new ArrayList<>(super.extraOptions(work));
        Path store = work.resolve("https.p12");
        if (!Files.exists(store)) {
            keytool(store);
        }
        String pax = "etc/org.ops4j.pax.web.cfg";
        options.add(editConfigurationFilePut(pax, "org.osgi.service.http.secure.enabled", "true"));
        options.add(editConfigurationFilePut(pax, "org.osgi.service.http.port.secure", String.valueOf(port("https"))));
        options.add(editConfigurationFilePut(pax, "org.ops4j.pax.web.ssl.keystore", store.toString()));
        options.add(editConfigurationFilePut(pax, "org.ops4j.pax.web.ssl.keystore.type", "PKCS12"));
        options.add(editConfigurationFilePut(pax, "org.ops4j.pax.web.ssl.keystore.password", STORE_PASSWORD));
        options.add(editConfigurationFilePut(pax, "org.ops4j.pax.web.ssl.key.password", STORE_PASSWORD));
        options.add(editConfigurationFilePut(pax, "org.ops4j.pax.web.ssl.key.alias", "peer"));
        return options;
    }

    /** As bin/peer makes it on first start: the JDK's keytool, EC P-256, self-signed. */
    private static void keytool(Path store) throws IOException {
        Files.createDirectories(store.getParent());
        run(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "peer", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "3650",
                "-dname", "CN=Giggityflix peer itest", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", STORE_PASSWORD), true);
    }

    @Before
    public void namespaceAndMedia() throws Exception {
        assumeTrue("root, ip and curl make the outside client", Tools.present(Tool.NAMESPACES, Tool.CURL));
        outsideNet = NetNamespace.create();
        if (clip == null) {
            Path file = mediaDir().resolve("faces/home-video.mp4");
            Files.createDirectories(file.getParent());
            byte[] bytes = new byte[256 * 1024];
            new Random(13).nextBytes(bytes);
            Files.write(file, bytes);
            Path other = mediaDir().resolve("faces/other-video.mp4");
            new Random(14).nextBytes(bytes);
            Files.write(other, bytes);
            awaitCataloged(file, other);
            MediaCatalog catalog = awaitService(MediaCatalog.class);
            luid = catalog.findByPath(file).orElseThrow().luid();
            otherLuid = catalog.findByPath(other).orElseThrow().luid();
            clip = file;
        }
        awaitWeb();
    }

    @After
    public void removeNamespace() {
        if (outsideNet != null) {
            outsideNet.close();
            outsideNet = null;
        }
    }

    /** This machine's address on the link to the outside client: where the client reaches the peer. */
    private String hostSide() {
        return outsideNet.hostAddress();
    }

    @Test
    public void fromOutsideOnlySignedStreamRangesAndHealthAnswer() throws Exception {
        SignedLinks links = awaitService(SignedLinks.class);
        String link = links.signedPath(luid, Duration.ofMinutes(10));
        String http = "http://" + hostSide() + ":" + httpPort();

        Curl.Reply range = outside(http + link, "-r", "100-1123");
        assertEquals(range.toString(), 206, range.status());
        byte[] all = Files.readAllBytes(clip);
        assertArrayEquals(java.util.Arrays.copyOfRange(all, 100, 1124), range.body());
        Curl.Reply health = outside(http + "/health");
        assertEquals(200, health.status());
        assertTrue(health.text(), health.text().contains("\"status\""));

        for (String path : List.of("/", "/login", "/library", "/settings", "/api/v1/status", "/api/v1/session",
                "/api/v1/openapi.json", "/api/v1/media", "/metrics", "/assets/app.js", "/favicon.ico",
                "/play?id=" + luid, "/play/rtc/events?session=x")) {
            Curl.Reply r = outside(http + path);
            assertEquals(path + " " + r, 403, r.status());
            assertEquals(path + ": no page at all", 0, r.body().length);
        }
        // the password never gets a check from outside, nor does a client's own word that it is at home
        Curl.Reply login = outside(http + "/api/v1/login", "-H", "Content-Type: application/json",
                "--data", "{\"username\":\"" + ADMIN + "\",\"password\":\"" + ADMIN_PASSWORD + "\"}");
        assertEquals(login.toString(), 403, login.status());
        assertEquals(403, outside(http + "/api/v1/status", "-H", "X-Forwarded-For: 127.0.0.1",
                "-H", "Forwarded: for=192.168.1.2").status());
        // signatures: tampered, another file's, none
        String tampered = link.substring(0, link.length() - 2) + (link.endsWith("AA") ? "BB" : "AA");
        assertEquals(403, outside(http + tampered).status());
        String otherFile = link.replace("/stream/" + luid + "?", "/stream/" + otherLuid + "?");
        assertEquals(403, outside(http + otherFile).status());
        Curl.Reply unsigned = outside(http + "/stream/" + luid);
        assertTrue(unsigned.toString(), unsigned.status() >= 400 && unsigned.body().length < 200);
        // and over HTTPS, remote administration being off, the owner's face stays shut
        assertEquals(403, outside("https://" + hostSide() + ":" + port("https") + "/login").status());
        assertEquals(206, outside("https://" + hostSide() + ":" + port("https") + link, "-r", "0-9").status());

        // the same peer from this machine: the owner signs in
        WebClient home = new WebClient(httpPort());
        assertEquals(200, home.signIn(ADMIN, ADMIN_PASSWORD).status());
        assertEquals(200, home.get("/api/v1/status").status());
        assertEquals(200, home.get("/metrics").status());
    }

    /** An API token is for the owner's scripts at home: from outside the API and metrics stay 403 with no page. */
    @Test
    public void anApiTokenDoesNotOpenTheOwnersFaceToTheInternet() {
        String out = executeCommand("peer:token-add faces-test");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^(gfx_[A-Za-z0-9_-]{43})$").matcher(out);
        assertTrue(out, m.find());
        String auth = "Authorization: Bearer " + m.group(1);
        try {
            String http = "http://" + hostSide() + ":" + httpPort();
            for (String path : List.of("/metrics", "/api/v1/media", "/api/v1/status")) {
                Curl.Reply r = outside(http + path, "-H", auth);
                assertEquals(path + " " + r, 403, r.status());
                assertEquals(path + ": no page at all", 0, r.body().length);
            }
            assertEquals(403, outside(http + "/api/v1/scan", "-H", auth, "-X", "POST").status());
            assertEquals("over HTTPS too (remote administration off)", 403,
                    outside("https://" + hostSide() + ":" + port("https") + "/metrics", "-H", auth).status());
            // the same token at home
            assertEquals(200, new WebClient(httpPort()).send("GET", "/metrics", null,
                    Map.of("Authorization", "Bearer " + m.group(1))).status());
        } finally {
            executeCommand("peer:token-revoke faces-test");
        }
    }

    @Test
    public void aHostThatDoesNotNameThisMachineIsRefused() {
        // the sign-in page: on the owner's face, open without a session
        String ask = "GET /login HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n";
        WebClient.Reply rebound = WebClient.raw(httpPort(), "127.0.0.1", String.format(ask, "evil.example:" + httpPort()));
        assertEquals(rebound.toString(), 421, rebound.status());
        assertTrue(rebound.body(), rebound.body().contains("allowedHostNames"));
        assertEquals(200, WebClient.raw(httpPort(), "127.0.0.1", String.format(ask, "localhost:" + httpPort())).status());
        assertEquals(200, WebClient.raw(httpPort(), "127.0.0.1", String.format(ask, "127.0.0.1")).status());
    }

    @Test
    public void httpsHasHstsASecureCookieAndTheFingerprintTheOwnerCanCompare() throws Exception {
        String https = "https://127.0.0.1:" + port("https");
        Curl.Reply health = Curl.run(List.of(), https + "/health");
        assertEquals(health.toString(), 200, health.status());
        assertTrue(health.headers(), health.header("strict-transport-security").startsWith("max-age="));
        assertEquals("", Curl.run(List.of(), "http://127.0.0.1:" + httpPort() + "/health")
                .header("strict-transport-security"));
        Curl.Reply login = Curl.run(List.of(), https + "/api/v1/login", "-H", "Content-Type: application/json",
                "--data", "{\"username\":\"" + ADMIN + "\",\"password\":\"" + ADMIN_PASSWORD + "\"}");
        assertEquals(login.toString(), 200, login.status());
        assertTrue(login.headers(), login.header("set-cookie").contains("; Secure"));

        String fingerprint = fingerprint(workDir().resolve("https.p12"));
        String status = executeCommand("peer:status");
        assertTrue(status, status.contains("https :" + port("https")));
        assertTrue(status, status.contains(fingerprint));
        WebClient home = new WebClient(httpPort());
        home.signIn(ADMIN, ADMIN_PASSWORD);
        Map<String, Object> web = (Map<String, Object>) home.get("/api/v1/status").json().get("web");
        assertEquals(fingerprint, ((Map<String, Object>) web.get("https")).get("sha256"));
    }

    @Test
    public void remoteAdministrationWorksOnlyOverHttpsAndAHomeCookieStaysHome() throws Exception {
        Configuration config = configAdmin().getConfiguration(WEB_PID, null);
        Hashtable<String, Object> props = new Hashtable<>();
        if (config.getProperties() != null) {
            for (String key : java.util.Collections.list(config.getProperties().keys())) {
                props.put(key, config.getProperties().get(key));
            }
        }
        Hashtable<String, Object> before = new Hashtable<>(props);
        props.put("remoteAdministration", Boolean.TRUE);
        config.update(props);
        try {
            String https = "https://" + hostSide() + ":" + port("https");
            String body = "{\"username\":\"" + ADMIN + "\",\"password\":\"" + ADMIN_PASSWORD + "\"}";
            Curl.Reply[] last = {null};
            await("remote administration on: sign-in from outside over HTTPS", Duration.ofSeconds(60), () -> {
                last[0] = outside(https + "/api/v1/login", "-H", "Content-Type: application/json", "--data", body);
                return last[0].status() == 200;
            });
            String cookie = last[0].header("set-cookie");
            assertTrue(cookie, cookie.contains("; Secure"));
            String outsideSession = cookie.substring(0, cookie.indexOf(';'));
            assertEquals(200, outside(https + "/api/v1/status", "-H", "Cookie: " + outsideSession).status());
            // plain HTTP from outside stays shut, with or without the cookie
            assertEquals(403, outside("http://" + hostSide() + ":" + httpPort() + "/api/v1/status",
                    "-H", "Cookie: " + outsideSession).status());
            // a cookie signed in at home, replayed from outside
            WebClient home = new WebClient(httpPort());
            assertEquals(200, home.signIn(ADMIN, ADMIN_PASSWORD).status());
            assertEquals(401, outside(https + "/api/v1/status", "-H", "Cookie: " + home.cookie()).status());
            assertEquals("the owner at home keeps the session", 200, home.get("/api/v1/status").status());
        } finally {
            config.update(before);
        }
        await("remote administration off again", Duration.ofSeconds(60),
                () -> outside("https://" + hostSide() + ":" + port("https") + "/login").status() == 403);
    }

    @Test
    public void signInGoesOnlyToAPathOnThisPeerInChromium() throws Exception {
        assumeTrue("Debian chromium + chromium-driver", Tools.present(Tool.CHROMIUM));
        String base = "http://127.0.0.1:" + httpPort();
        try (Browser browser = new Browser()) {
            for (String next : List.of("/%5Cevil.invalid/x", "%2F%5Cevil.invalid", "//evil.invalid/x",
                    "%2F%09%2Fevil.invalid", "/%09/evil.invalid", "https://evil.invalid/", "javascript:alert(1)",
                    "%2F%252F%252Fevil.invalid")) {
                signIn(browser, base + "/login?next=" + next);
                browser.waitFor("home after next=" + next, UI, "return location.host + location.pathname;",
                        ("127.0.0.1:" + httpPort() + "/")::equals);
            }
            signIn(browser, base + "/login?next=%2Flibrary%3Fq%3Dholiday");
            browser.waitFor("the page asked for", UI, "return location.host + location.pathname + location.search;",
                    ("127.0.0.1:" + httpPort() + "/library?q=holiday")::equals);
        }
    }

    private static void signIn(Browser browser, String url) {
        browser.open(url);
        browser.waitFor("the sign-in form", UI, "return document.querySelector('#login-submit') !== null;",
                Boolean.TRUE::equals);
        browser.type("#username", ADMIN);
        browser.type("#password", ADMIN_PASSWORD);
        browser.click("#login-submit");
    }

    // ------------------------------------------------------------------ helpers

    private Curl.Reply outside(String url, String... args) {
        try {
            return Curl.run(outsideNet.command(), url, args);
        } catch (IOException e) {
            throw new AssertionError("curl from the namespace: " + e, e);
        }
    }

    private static String fingerprint(Path store) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, STORE_PASSWORD.toCharArray());
        }
        byte[] der = ks.getCertificate("peer").getEncoded();
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    }

    private static void run(List<String> command, boolean mustWork) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command + " did not finish");
            }
            if (mustWork && p.exitValue() != 0) {
                throw new IllegalStateException(command + " failed (" + p.exitValue() + "): " + out);
            }
        } catch (IOException e) {
            if (mustWork) {
                throw new IllegalStateException(command + ": " + e, e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code curl}, optionally inside the namespace: status, response headers and body bytes. */
    static final class Curl {
        record Reply(int status, String headers, byte[] body) {
            String text() {
                return new String(body, StandardCharsets.UTF_8);
            }

            /** The last value of a header (names compared case-insensitively), or "". */
            String header(String name) {
                String found = "";
                for (String line : headers.split("\r?\n")) {
                    int colon = line.indexOf(':');
                    if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                        found = line.substring(colon + 1).trim();
                    }
                }
                return found;
            }

            @Override
            public String toString() {
                return status + " " + headers.replace("\r\n", " | ") + " " + text();
            }
        }

        static Reply run(List<String> prefix, String url, String... args) throws IOException {
            Path body = Files.createTempFile("faces-body", ".bin");
            Path headers = Files.createTempFile("faces-headers", ".txt");
            try {
                List<String> command = new ArrayList<>(prefix);
                command.addAll(List.of("curl", "-s", "-k", "-m", "30", "-o", body.toString(), "-D", headers.toString(),
                        "-w", "%{http_code}"));
                command.addAll(List.of(args));
                command.add(url);
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException("curl did not finish: " + command);
                }
                int status = out.matches("[0-9]{3}") ? Integer.parseInt(out) : 0;
                return new Reply(status, Files.readString(headers, StandardCharsets.ISO_8859_1),
                        Files.readAllBytes(body));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } finally {
                Files.deleteIfExists(body);
                Files.deleteIfExists(headers);
            }
        }
    }
}
