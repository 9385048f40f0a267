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
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * {@code WebBrowserIT} is responsible for proving the web UI in a real headless Chromium, as the owner uses it: sign
 * in, dashboard counts equal to the catalog, a scan whose progress bar moves, a setting changed in its form and
 * applied by the scanner, the library and a detail page with screenshots. PNGs of the pages are kept in
 * {@code itests/target/screenshots/web/}.
 */
public class WebBrowserIT extends WebTestSupport {

    /** chromedriver's port, inside the itests range. */
    private static final int DRIVER_PORT = 18590;
    private static final Duration UI = Duration.ofSeconds(30);

    private static boolean mediaMade;
    private static Path clipA;
    private static Path clipB;

    private Chrome chrome;
    private String base;

    @Before
    public void startBrowser() throws Exception {
        assumeTrue("Debian chromium + chromium-driver", Chrome.available());
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
        chrome = new Chrome(DRIVER_PORT);
    }

    @After
    public void stopBrowser() {
        if (chrome != null) {
            chrome.close();
        }
    }

    private static Path shots() {
        return workDir().getParent().getParent().resolve("screenshots").resolve("web");
    }

    private void signIn() throws Exception {
        chrome.open(base + "/");
        chrome.waitFor("the sign-in page", UI, "return location.pathname;", "/login"::equals);
        chrome.type("#username", ADMIN);
        chrome.type("#password", ADMIN_PASSWORD);
        chrome.click("#login-submit");
        chrome.waitFor("the dashboard after sign-in", UI, "return location.pathname;", "/"::equals);
    }

    @Test
    public void wrongPasswordIsShownAndTheRightOneOpensTheDashboardWithTheCatalogsCounts() throws Exception {
        chrome.open(base + "/settings");
        chrome.waitFor("redirect to sign-in", UI, "return location.pathname + location.search;",
                "/login?next=%2Fsettings"::equals);
        chrome.type("#password", "not-the-password");
        chrome.click("#login-submit");
        Object error = chrome.waitFor("the error message", UI, "return document.querySelector('#login-error').textContent;",
                v -> v != null && !v.toString().isEmpty());
        assertTrue(error.toString(), error.toString().contains("Wrong user name or password"));
        chrome.screenshot(shots().resolve("login-error.png"));
        chrome.type("#username", ADMIN);
        chrome.type("#password", ADMIN_PASSWORD);
        chrome.click("#login-submit");
        chrome.waitFor("back to the page asked for", UI, "return location.pathname;", "/settings"::equals);

        chrome.open(base + "/");
        MediaCatalog catalog = awaitService(MediaCatalog.class);
        Map<MediaStatus, Long> counts = catalog.countByStatus();
        long total = counts.entrySet().stream().filter(e -> e.getKey() != MediaStatus.DELETED)
                .mapToLong(Map.Entry::getValue).sum();
        chrome.waitFor("the counts", UI, "return document.querySelector('#count-total').textContent;",
                v -> String.valueOf(total).equals(v));
        for (MediaStatus s : MediaStatus.values()) {
            assertEquals(s.name(), String.valueOf(counts.get(s)), chrome.text("#count-" + s.name().toLowerCase()));
        }
        assertEquals(PEER_ID, chrome.text("#peer-id"));
        chrome.screenshot(shots().resolve("dashboard.png"));
    }

    @Test
    public void aFullScanStartedFromTheDashboardMovesTheProgressBar() throws Exception {
        signIn();
        chrome.waitFor("the scanner idle", UI, "return document.querySelector('#scan-state').textContent;",
                v -> v != null && v.toString().startsWith("Idle"));
        chrome.click("#scan-full");
        List<Double> seen = new ArrayList<>();
        boolean shot = false;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            Object v = chrome.script("var p = document.querySelector('#scan-progress');"
                    + "return [p.hasAttribute('value') ? p.value : -1, document.querySelector('#scan-state').textContent];");
            List<?> pair = (List<?>) v;
            double value = ((Number) pair.get(0)).doubleValue();
            String state = pair.get(1).toString();
            if (state.contains("running") && value > 0 && value < 100
                    && (seen.isEmpty() || value != seen.get(seen.size() - 1))) {
                seen.add(value);
                if (!shot) {
                    chrome.screenshot(shots().resolve("dashboard-scanning.png"));
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
        chrome.waitFor("the bar full when the scan is done", UI,
                "return document.querySelector('#scan-progress').value;", v -> ((Number) v).doubleValue() == 100.0);
        assertTrue(chrome.text("#scan-last"), chrome.text("#scan-last").startsWith("Last scan finished"));
    }

    @Test
    public void aSettingChangedInItsFormIsValidatedSavedAndApplied() throws Exception {
        signIn();
        ConfigurationAdmin cm = configAdmin();
        MediaScanner scanner = awaitService(MediaScanner.class);
        Object before = cm.getConfiguration(PID_SCANNER, "?").getProperties().get("scanIntervalMinutes");
        Optional<Instant> nextBefore = scanner.status().nextScheduled();

        chrome.open(base + "/settings");
        String field = "#f-org-giggityflix-peer-scanner-scanIntervalMinutes";
        String form = "#form-org-giggityflix-peer-scanner";
        chrome.waitFor("the scanner form", UI, "return !!document.querySelector('" + field + "');", Boolean.TRUE::equals);
        chrome.type(field, "-7");
        chrome.click(form + " button[type=submit]");
        Object error = chrome.waitFor("the field's error", UI,
                "return document.querySelector('#err-org-giggityflix-peer-scanner-scanIntervalMinutes').textContent;",
                v -> v != null && !v.toString().isEmpty());
        assertTrue(error.toString(), error.toString().contains("-7"));
        assertEquals("true", chrome.script("return document.querySelector('" + field + "').getAttribute('aria-invalid');"));
        assertEquals("old value kept", before,
                cm.getConfiguration(PID_SCANNER, "?").getProperties().get("scanIntervalMinutes"));
        chrome.screenshot(shots().resolve("settings-invalid.png"));

        chrome.type(field, "42");
        chrome.click(form + " button[type=submit]");
        chrome.waitFor("saved", UI, "return document.querySelector('#status-org-giggityflix-peer-scanner').textContent;",
                v -> v != null && v.toString().startsWith("Saved"));
        assertEquals(42, cm.getConfiguration(PID_SCANNER, "?").getProperties().get("scanIntervalMinutes"));
        Instant now = Instant.now();
        Optional<Instant> next = awaitValue("the scanner rescheduled for 42 minutes", Duration.ofSeconds(30),
                () -> scanner.status().nextScheduled(), n -> n.isPresent() && !n.equals(nextBefore)
                        && n.get().isBefore(now.plus(Duration.ofMinutes(43))));
        assertTrue(next.toString(), next.get().isAfter(now.plus(Duration.ofMinutes(40))));
        chrome.open(base + "/settings");
        chrome.waitFor("the stored value shown after reload", UI,
                "var e = document.querySelector('" + field + "'); return e ? e.value : null;", "42"::equals);
        chrome.screenshot(shots().resolve("settings.png"));
    }

    @Test
    public void theLibrarySearchesAndTheDetailPageShowsMetadataHashesAndScreenshots() throws Exception {
        signIn();
        MediaCatalog catalog = awaitService(MediaCatalog.class);
        MediaFile clip = catalog.findByPath(clipA).orElseThrow();
        assertEquals(MediaStatus.READY, clip.status());

        chrome.open(base + "/library");
        chrome.waitFor("the cards", UI, "return document.querySelectorAll('#lib-items li').length;",
                v -> ((Number) v).intValue() == 5);
        chrome.waitFor("thumbnails of the videos", Duration.ofSeconds(60),
                "return Array.from(document.querySelectorAll('#lib-items img')).filter(i => i.complete && i.naturalWidth > 0).length;",
                v -> ((Number) v).intValue() == 2);
        chrome.screenshot(shots().resolve("library.png"));
        chrome.type("#lib-q", "pattern-a");
        chrome.waitFor("the search result", UI, "return Array.from(document.querySelectorAll('#lib-items li a'))"
                + ".map(a => a.textContent).join(',');", "pattern-a.mp4"::equals);
        chrome.click("#lib-items li a");
        chrome.waitFor("the detail page", UI, "return location.pathname + location.search;",
                ("/media?id=" + clip.luid())::equals);
        chrome.waitFor("the title", UI, "return document.querySelector('#media-title').textContent;",
                "pattern-a.mp4"::equals);
        Object hashes = chrome.waitFor("the hashes", UI,
                "return document.querySelector('#media-hashes').textContent;", v -> v.toString().contains("md5"));
        assertTrue(hashes.toString(), hashes.toString().contains(digest(clipA, "MD5")));
        assertTrue(chrome.text("#media-facts"), chrome.text("#media-facts").contains("640×360"));
        chrome.waitFor("four screenshots decoded", Duration.ofSeconds(60),
                "return Array.from(document.querySelectorAll('#media-shots img')).filter(i => i.complete && i.naturalWidth == 640).length;",
                v -> ((Number) v).intValue() == 4);
        chrome.screenshot(shots().resolve("media-detail.png"));
        chrome.script("document.querySelector('#shots-title').scrollIntoView(); return null;");
        chrome.screenshot(shots().resolve("media-screenshots.png"));
        assertNotEquals("", chrome.text("#shots-state"));
    }

    @Test
    public void theProvidersPageListsFeaturesServicesAndBundles() throws Exception {
        signIn();
        chrome.open(base + "/providers");
        chrome.waitFor("the feature rows", UI, "return document.querySelector('#features-body').textContent;",
                v -> v.toString().contains("peer-web") && v.toString().contains("peer-hash-blake3"));
        assertTrue(chrome.text("#services-body"), chrome.text("#services-body").contains("sha1"));
        assertTrue(chrome.text("#bundles-body"), chrome.text("#bundles-body").contains("org.giggityflix.peer.web"));
        assertEquals("the page cannot remove itself", Boolean.TRUE, chrome.script(
                "return Array.from(document.querySelectorAll('#features-body tr')).find(r => r.cells[0].textContent"
                        + " === 'peer-web').querySelector('button').disabled;"));
        chrome.screenshot(shots().resolve("providers.png"));
    }
}
