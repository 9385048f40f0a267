package org.giggityflix.peer.itests.web;

import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.giggityflix.peer.itests.PeerTestSupport;
import org.giggityflix.peer.testsupport.Browser;
import org.giggityflix.peer.testsupport.FfmpegCli;
import org.ops4j.pax.exam.Option;

/**
 * {@code WebTestSupport} is responsible for what the web tests share: console accounts for signing in (an admin and
 * a viewer without the admin role) and the owner's sign-in in Chromium, waiting for the web UI to answer, and making
 * small real videos with ffmpeg.
 */
public abstract class WebTestSupport extends PeerTestSupport {

    static final String ADMIN = "webadmin";
    static final String ADMIN_PASSWORD = "web-itest-pass";
    static final String VIEWER = "webviewer";
    static final String VIEWER_PASSWORD = "viewer-itest-pass";
    /** How long a sign-in page step may take on a loaded machine. */
    private static final Duration SIGN_IN = Duration.ofSeconds(30);

    @Override
    protected List<Option> extraOptions(Path work) throws IOException {
        List<Option> options = new ArrayList<>(super.extraOptions(work));
        // Plain passwords here are hashed by Karaf's JAAS module on first use (encryption is on in the distribution).
        options.add(editConfigurationFilePut("etc/users.properties", ADMIN, ADMIN_PASSWORD + ",_g_:admingroup"));
        options.add(editConfigurationFilePut("etc/users.properties", VIEWER, VIEWER_PASSWORD + ",viewer"));
        return options;
    }

    /** A client once /health answers (the whiteboard registers the servlets a little after the services). */
    protected WebClient awaitWeb() {
        WebClient client = new WebClient(httpPort());
        await("the web UI answers /health", BOOT_TIMEOUT, () -> {
            try {
                return client.get("/health").status() == 200;
            } catch (AssertionError e) {
                return false;
            }
        });
        return client;
    }

    /**
     * ConfigurationAdmin held by the probe bundle itself (a service got through a tracker that is then closed is
     * unregistered for the caller: Felix CM is a per-bundle service factory).
     */
    protected org.osgi.service.cm.ConfigurationAdmin configAdmin() {
        awaitService(org.osgi.service.cm.ConfigurationAdmin.class);
        return bundleContext.getService(bundleContext.getServiceReference(org.osgi.service.cm.ConfigurationAdmin.class));
    }

    /** Writes a small real H.264 video with ffmpeg (test pattern, {@code seconds} long). */
    protected static Path video(Path file, int seconds, String size) throws IOException {
        Files.createDirectories(file.getParent());
        FfmpegCli.run("-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=25:duration=" + seconds, "-c:v", "libx264",
                "-pix_fmt", "yuv420p", file.toString());
        return file;
    }

    /** Signs the owner (the admin account) in on the sign-in page of {@code base} and waits for the dashboard. */
    protected static void signInAsOwner(Browser browser, String base) {
        browser.open(base + "/");
        browser.waitFor("the sign-in page", SIGN_IN, "return location.pathname;", "/login"::equals);
        browser.type("#username", ADMIN);
        browser.type("#password", ADMIN_PASSWORD);
        browser.click("#login-submit");
        browser.waitFor("signed in", SIGN_IN, "return location.pathname;", "/"::equals);
    }

    /** Waits until every file is cataloged and processed (ready or error) and the scanner is idle. */
    protected void awaitCataloged(Path... files) {
        org.giggityflix.peer.api.catalog.MediaCatalog catalog =
                awaitService(org.giggityflix.peer.api.catalog.MediaCatalog.class);
        org.giggityflix.peer.api.scan.MediaScanner scanner =
                awaitService(org.giggityflix.peer.api.scan.MediaScanner.class);
        await(files.length + " files cataloged and processed", Duration.ofSeconds(90), () -> {
            for (Path f : files) {
                var row = catalog.findByPath(f);
                if (row.isEmpty() || (row.get().status() != org.giggityflix.peer.api.catalog.MediaStatus.READY
                        && row.get().status() != org.giggityflix.peer.api.catalog.MediaStatus.ERROR)) {
                    return false;
                }
            }
            return !scanner.status().running();
        });
    }
}
