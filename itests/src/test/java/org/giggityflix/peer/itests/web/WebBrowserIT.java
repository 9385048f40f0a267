package org.giggityflix.peer.itests.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.scan.MediaScanner;
import org.giggityflix.peer.testsupport.Browser;
import org.giggityflix.peer.testsupport.Tools;
import org.giggityflix.peer.testsupport.Tools.Tool;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * {@code WebBrowserIT} is responsible for proving the web UI in a real headless Chromium, as the owner uses it: sign
 * in (with {@code next} never leading off the peer), dashboard counts equal to the catalog, a scan whose progress
 * bar moves, a setting changed in its form and applied by the scanner, the library and a detail page with
 * screenshots. PNGs of the pages are kept in {@code itests/target/screenshots/web/}.
 */
public class WebBrowserIT extends WebTestSupport {

    private static final Duration UI = Duration.ofSeconds(30);

    private static boolean mediaMade;
    private static Path clipA;
    private static Path clipB;

    private Browser browser;
    private String base;

    @Before
    public void startBrowser() throws Exception {
        assumeTrue("Debian chromium + chromium-driver", Tools.present(Tool.CHROMIUM));
        assumeTrue("ffmpeg makes the test videos", ffmpegAvailable());
        WebClient web = awaitWeb();
        base = web.base();
        if (!mediaMade) {
            clipA = video(mediaDir().resolve("clips/pattern-a.mp4"), 6, "640x360");
            clipB = video(mediaDir().resolve("clips/pattern-b.mp4"), 3, "320x240");
            // Large sparse files (no disk used): hashing them takes seconds, long enough to watch progress.
            List<Path> big = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                Path f = mediaDir().resolve("big/blank-" + i + ".mkv");
                Files.createDirectories(f.getParent());
                try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                    raf.setLength(1L << 30);
                }
                big.add(f);
            }
            List<Path> all = new ArrayList<>(big);
            all.add(clipA);
            all.add(clipB);
            awaitCataloged(all.toArray(new Path[0]));
            mediaMade = true;
        }
        browser = new Browser();
    }

    @After
    public void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private static Path shots() {
        return workDir().getParent().getParent().resolve("screenshots").resolve("web");
    }

    private void signIn() throws Exception {
        signInAsOwner(browser, base);
    }

    /**
     * The sign-in page's {@code next} sends the browser only to a path of this peer: the open-redirect tricks (a
     * backslash that browsers read as a second slash, a protocol-relative or absolute URL, a tab inside the slashes)
     * land on the dashboard after a correct sign-in, and a real path of the peer is still followed.
     */
    @Test
    public void signInNeverLeavesThePeerWhateverNextSays() throws Exception {
        List<String> tricks = List.of("/%5Cevil.invalid/x", "//evil.invalid/x", "https://evil.invalid/x",
                "/%09/evil.invalid/x", "%2F%2Fevil.invalid", "javascript:alert(1)");
        for (String next : tricks) {
            String landed = signInWith(next);
            assertTrue("next=" + next + " left the peer for " + landed, landed.startsWith(base + "/"));
            assertEquals("next=" + next, base + "/", landed);
        }
        assertEquals(base + "/library", signInWith("%2Flibrary"));
    }

    /** Signs in from {@code /login?next=<next>} in a fresh browser; where the browser is once it left the form. */
    private String signInWith(String next) throws Exception {
        browser.close();
        browser = new Browser();
        browser.open(base + "/login?next=" + next);
        browser.waitFor("the sign-in form", UI, "return document.querySelector('#login-submit') !== null;",
                Boolean.TRUE::equals);
        browser.type("#username", ADMIN);
        browser.type("#password", ADMIN_PASSWORD);
        browser.click("#login-submit");
        return String.valueOf(browser.waitFor("leaving the sign-in page", UI, "return location.href;",
                v -> !String.valueOf(v).contains("/login")));
    }

    @Test
    public void wrongPasswordIsShownAndTheRightOneOpensTheDashboardWithTheCatalogsCounts() throws Exception {
        browser.open(base + "/settings");
        browser.waitFor("redirect to sign-in", UI, "return location.pathname + location.search;",
                "/login?next=%2Fsettings"::equals);
        browser.type("#password", "not-the-password");
        browser.click("#login-submit");
        Object error = browser.waitFor("the error message", UI, "return document.querySelector('#login-error').textContent;",
                v -> v != null && !v.toString().isEmpty());
        assertTrue(error.toString(), error.toString().contains("Wrong user name or password"));
        browser.screenshot(shots().resolve("login-error.png"));
        browser.type("#username", ADMIN);
        browser.type("#password", ADMIN_PASSWORD);
        browser.click("#login-submit");
        browser.waitFor("back to the page asked for", UI, "return location.pathname;", "/settings"::equals);

        browser.open(base + "/");
        MediaCatalog catalog = awaitService(MediaCatalog.class);
        Map<MediaStatus, Long> counts = catalog.countByStatus();
        long total = counts.entrySet().stream().filter(e -> e.getKey() != MediaStatus.DELETED)
                .mapToLong(Map.Entry::getValue).sum();
        browser.waitFor("the counts", UI, "return document.querySelector('#count-total').textContent;",
                v -> String.valueOf(total).equals(v));
        for (MediaStatus s : MediaStatus.values()) {
            assertEquals(s.name(), String.valueOf(counts.get(s)), browser.textOf("#count-" + s.name().toLowerCase()));
        }
        assertEquals(PEER_ID, browser.textOf("#peer-id"));
        browser.screenshot(shots().resolve("dashboard.png"));
    }

    @Test
    public void aFullScanStartedFromTheDashboardMovesTheProgressBar() throws Exception {
        signIn();
        browser.waitFor("the scanner idle", UI, "return document.querySelector('#scan-state').textContent;",
                v -> v != null && v.toString().startsWith("Idle"));
        browser.click("#scan-full");
        List<Double> seen = new ArrayList<>();
        boolean shot = false;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            Object v = browser.execute("var p = document.querySelector('#scan-progress');"
                    + "return [p.hasAttribute('value') ? p.value : -1, document.querySelector('#scan-state').textContent];");
            List<?> pair = (List<?>) v;
            double value = ((Number) pair.get(0)).doubleValue();
            String state = pair.get(1).toString();
            if (state.contains("running") && value > 0 && value < 100
                    && (seen.isEmpty() || value != seen.get(seen.size() - 1))) {
                seen.add(value);
                if (!shot) {
                    browser.screenshot(shots().resolve("dashboard-scanning.png"));
                    shot = true;
                }
            }
            if (state.startsWith("Idle") && !seen.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        }
        assertTrue("the bar showed at least two values below 100 while the scan ran: " + seen, seen.size() >= 2);
        for (int i = 1; i < seen.size(); i++) {
            assertTrue("the bar only moves forward: " + seen, seen.get(i) > seen.get(i - 1));
        }
        browser.waitFor("the bar full when the scan is done", UI,
                "return document.querySelector('#scan-progress').value;", v -> ((Number) v).doubleValue() == 100.0);
        assertTrue(browser.textOf("#scan-last"), browser.textOf("#scan-last").startsWith("Last scan finished"));
    }

    @Test
    public void aSettingChangedInItsFormIsValidatedSavedAndApplied() throws Exception {
        signIn();
        ConfigurationAdmin cm = configAdmin();
        MediaScanner scanner = awaitService(MediaScanner.class);
        Object before = cm.getConfiguration(PID_SCANNER, "?").getProperties().get("scanIntervalMinutes");
        Optional<Instant> nextBefore = scanner.status().nextScheduled();

        browser.open(base + "/settings");
        String field = "#f-org-giggityflix-peer-scanner-scanIntervalMinutes";
        String form = "#form-org-giggityflix-peer-scanner";
        browser.waitFor("the scanner form", UI, "return !!document.querySelector('" + field + "');", Boolean.TRUE::equals);
        browser.type(field, "-7");
        browser.click(form + " button[type=submit]");
        Object error = browser.waitFor("the field's error", UI,
                "return document.querySelector('#err-org-giggityflix-peer-scanner-scanIntervalMinutes').textContent;",
                v -> v != null && !v.toString().isEmpty());
        assertTrue(error.toString(), error.toString().contains("-7"));
        assertEquals("true", browser.execute("return document.querySelector('" + field + "').getAttribute('aria-invalid');"));
        assertEquals("old value kept", before,
                cm.getConfiguration(PID_SCANNER, "?").getProperties().get("scanIntervalMinutes"));
        browser.screenshot(shots().resolve("settings-invalid.png"));

        browser.type(field, "42");
        browser.click(form + " button[type=submit]");
        browser.waitFor("saved", UI, "return document.querySelector('#status-org-giggityflix-peer-scanner').textContent;",
                v -> v != null && v.toString().startsWith("Saved"));
        assertEquals(42, cm.getConfiguration(PID_SCANNER, "?").getProperties().get("scanIntervalMinutes"));
        Instant now = Instant.now();
        Optional<Instant> next = awaitValue("the scanner rescheduled for 42 minutes", Duration.ofSeconds(30),
                () -> scanner.status().nextScheduled(), n -> n.isPresent() && !n.equals(nextBefore)
                        && n.get().isBefore(now.plus(Duration.ofMinutes(43))));
        assertTrue(next.toString(), next.get().isAfter(now.plus(Duration.ofMinutes(40))));
        browser.open(base + "/settings");
        browser.waitFor("the stored value shown after reload", UI,
                "var e = document.querySelector('" + field + "'); return e ? e.value : null;", "42"::equals);
        browser.screenshot(shots().resolve("settings.png"));
    }

    @Test
    public void theLibrarySearchesAndTheDetailPageShowsMetadataHashesAndScreenshots() throws Exception {
        signIn();
        MediaCatalog catalog = awaitService(MediaCatalog.class);
        MediaFile clip = catalog.findByPath(clipA).orElseThrow();
        assertEquals(MediaStatus.READY, clip.status());

        browser.open(base + "/library");
        browser.waitFor("the cards", UI, "return document.querySelectorAll('#lib-items li').length;",
                v -> ((Number) v).intValue() == 5);
        browser.waitFor("thumbnails of the videos", Duration.ofSeconds(60),
                "return Array.from(document.querySelectorAll('#lib-items img')).filter(i => i.complete && i.naturalWidth > 0).length;",
                v -> ((Number) v).intValue() == 2);
        browser.screenshot(shots().resolve("library.png"));
        browser.type("#lib-q", "pattern-a");
        browser.waitFor("the search result", UI, "return Array.from(document.querySelectorAll('#lib-items li a'))"
                + ".map(a => a.textContent).join(',');", "pattern-a.mp4"::equals);
        browser.click("#lib-items li a");
        browser.waitFor("the detail page", UI, "return location.pathname + location.search;",
                ("/media?id=" + clip.luid())::equals);
        browser.waitFor("the title", UI, "return document.querySelector('#media-title').textContent;",
                "pattern-a.mp4"::equals);
        Object hashes = browser.waitFor("the hashes", UI,
                "return document.querySelector('#media-hashes').textContent;", v -> v.toString().contains("md5"));
        assertTrue(hashes.toString(), hashes.toString().contains(digest(clipA, "MD5")));
        assertTrue(browser.textOf("#media-facts"), browser.textOf("#media-facts").contains("640×360"));
        Object video = browser.waitFor("the video track listed", UI,
                "var r = document.querySelector('#media-tracks tr[data-kind=video]'); return r ? r.textContent : null;",
                v -> v != null);
        assertTrue(video.toString(), video.toString().contains("h264") && video.toString().contains("640×360")
                && video.toString().contains("8-bit"));
        browser.waitFor("four screenshots decoded", Duration.ofSeconds(60),
                "return Array.from(document.querySelectorAll('#media-shots img')).filter(i => i.complete && i.naturalWidth == 640).length;",
                v -> ((Number) v).intValue() == 4);
        browser.screenshot(shots().resolve("media-detail.png"));
        browser.execute("document.querySelector('#shots-title').scrollIntoView(); return null;");
        browser.screenshot(shots().resolve("media-screenshots.png"));
        assertNotEquals("", browser.textOf("#shots-state"));
    }

    @Test
    public void theProvidersPageListsFeaturesServicesAndBundles() throws Exception {
        signIn();
        browser.open(base + "/providers");
        browser.waitFor("the feature rows", UI, "return document.querySelector('#features-body').textContent;",
                v -> v.toString().contains("peer-web") && v.toString().contains("peer-hash-blake3"));
        assertTrue(browser.textOf("#services-body"), browser.textOf("#services-body").contains("sha1"));
        assertTrue(browser.textOf("#bundles-body"),
                browser.textOf("#bundles-body").contains("org.giggityflix.peer.web"));
        assertEquals("the page cannot remove itself", Boolean.TRUE, browser.execute(
                "return Array.from(document.querySelectorAll('#features-body tr')).find(r => r.cells[0].textContent"
                        + " === 'peer-web').querySelector('button').disabled;"));
        browser.screenshot(shots().resolve("providers.png"));
    }
}
