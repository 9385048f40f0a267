package org.giggityflix.peer.itests.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.giggityflix.peer.testsupport.Browser;
import org.giggityflix.peer.testsupport.Tools;
import org.giggityflix.peer.testsupport.Tools.Tool;
import org.giggityflix.peer.testsupport.PortBlock;
import org.junit.Test;

/**
 * {@code PlayerWebRtcIT} is responsible for proving the owner's player page {@code /play?id=<luid>} in WebRTC mode
 * on the booted peer, in a real headless Chromium signed in as the owner: WebRTC forced by the owner plays the file
 * (signaling through the peer's own {@code /play/rtc/*}), the resolution shown is the file's (as the catalog's
 * probe recorded it) and so is the file bitrate shown beside the stream's, a seek on the seek bar (sent over the data
 * channel) moves the position the peer reports, the dashboard's Streams card shows what the peer sends the session
 * (size and frame rate, bitrate, round trip, direct path), and the page's Stop frees the session on the peer
 * ({@code peer:stream-list}). A viewer whose path breaks mid-film (every UDP port the page's connection uses
 * blocked, as a network left behind: {@link PortBlock}) gets the peer's ICE restart offer on the page's event poll,
 * answers it, and the same session goes on from about where it was.
 */
public class PlayerWebRtcIT extends WebTestSupport {

    private static final Duration UI = Duration.ofSeconds(30);
    private static final Duration PLAY = Duration.ofSeconds(60);
    private static final double SEEK_TO = 20;

    @Test
    public void theOwnerWatchesOverWebRtcSeesTheFilesResolutionAndBitrateSeeksAndStopFreesTheSession()
            throws Exception {
        assumeTrue("Debian chromium + chromium-driver", Tools.present(Tool.CHROMIUM));
        assumeTrue("ffmpeg makes the test video", ffmpegAvailable());
        WebClient web = awaitWeb();
        Path clip = video(mediaDir().resolve("player/clip-640x360.mp4"), 30, "640x360");
        awaitCataloged(clip);
        MediaCatalog catalog = awaitService(MediaCatalog.class);
        MediaFile file = awaitValue("the clip probed", Duration.ofSeconds(60), () -> catalog.findByPath(clip),
                f -> f.isPresent() && f.get().metadata().map(m -> m.width() != null && m.bitrate() != null)
                        .orElse(false)).get();
        MediaMetadata meta = file.metadata().get();
        assertEquals("the probe saw the clip as made", Integer.valueOf(640), meta.width());
        String fileResolution = meta.width() + "x" + meta.height();
        String fileKbps = String.valueOf(Math.round(meta.bitrate() / 1000.0));

        try (Browser browser = new Browser()) {
            signInAsOwner(browser, web.base());

            // The owner forces WebRTC (the page would play this H.264 MP4 directly).
            browser.open(web.base() + "/play?id=" + file.luid() + "&via=webrtc");
            Object width = browser.waitFor("the video decoded over WebRTC", PLAY,
                    "return player.error ? player.error : player.width;",
                    v -> v instanceof String || v instanceof Number && ((Number) v).intValue() > 0);
            assertEquals("videoWidth (or the page's error)", "640", String.valueOf(width));

            // What the page shows: the stream's resolution is the file's, and the file's own bitrate beside the
            // stream's (re-encoded by libwebrtc, so it differs; it must be flowing).
            browser.waitFor("the stream's resolution shown", UI, "return document.querySelector('#res').textContent;",
                    fileResolution::equals);
            assertEquals(fileResolution, browser.textOf("#file-res"));
            assertEquals(fileKbps, browser.textOf("#file-kbps"));
            browser.waitFor("a stream bitrate shown", UI, "return Number(document.querySelector('#kbps').textContent);",
                    v -> v instanceof Number && ((Number) v).doubleValue() > 0);
            String session = (String) browser.execute("return player.session;");
            assertNotNull(session);
            assertTrue(executeCommand("peer:stream-list").contains(session));

            // Issue 17.6: the dashboard (another window of the same signed-in browser) shows what the peer sends
            // this session, read from the peer connection's statistics, while the player keeps playing.
            browser.execute("window.dashboard = window.open('/', 'dashboard'); return true;");
            String row = "const r = window.dashboard.document.querySelector('tr[data-session=\"" + session + "\"]');";
            Object sending = browser.waitFor("the dashboard's stream row with what is sent", UI,
                    row + " return r && r.querySelector('.bitrate').textContent.includes('kbit/s')"
                            + " ? r.querySelector('.sending').textContent : null;", v -> v instanceof String);
            assertTrue("the stream's size and frame rate: " + sending,
                    String.valueOf(sending).startsWith(fileResolution.replace('x', '\u00d7') + " "));
            assertEquals("direct", browser.execute(row + " return r.querySelector('.route').textContent;"));
            assertTrue(String.valueOf(browser.execute(row + " return r.querySelector('.rtt').textContent;"))
                    .endsWith(" ms"));
            browser.execute("window.dashboard.close(); return true;");

            // The peer reports its position over the data channel; a seek sent there moves it.
            Object before = browser.waitFor("a position report", UI,
                    "return player.status ? player.status.position : null;", v -> v instanceof Number);
            assertTrue("playing from the start: " + before, ((Number) before).doubleValue() < SEEK_TO - 5);
            browser.execute("const s = document.querySelector('#seekbar'); s.value = '" + (int) SEEK_TO + "';"
                    + " s.dispatchEvent(new Event('change')); return true;");
            browser.waitFor("the reported position at or past " + SEEK_TO, UI,
                    "return player.status ? player.status.position : null;",
                    v -> v instanceof Number && ((Number) v).doubleValue() >= SEEK_TO);
            browser.waitFor("the position shown at or past " + SEEK_TO, UI,
                    "return Number(document.querySelector('#position').textContent);",
                    v -> v instanceof Number && ((Number) v).doubleValue() >= SEEK_TO);
            String list = executeCommand("peer:stream-list");
            assertTrue(list, list.contains(session));

            browser.click("#stop");
            await("peer:stream-list without " + session, TIMEOUT,
                    () -> !executeCommand("peer:stream-list").contains(session));
            assertNull(browser.execute("return player.error;"));
        }
    }

    @Test
    public void aViewerWhosePathBreaksGoesOnAfterTheIceRestartOfferedOnThePagesEventPoll() throws Exception {
        assumeTrue("Debian chromium + chromium-driver", Tools.present(Tool.CHROMIUM));
        assumeTrue("ffmpeg makes the test video", ffmpegAvailable());
        assumeTrue("root and nft (Debian nftables) cut the viewer's path", Tools.present(Tool.NFTABLES));
        WebClient web = awaitWeb();
        Path clip = video(mediaDir().resolve("player/restart-640x360.mp4"), 40, "640x360");
        awaitCataloged(clip);
        MediaCatalog catalog = awaitService(MediaCatalog.class);
        MediaFile file = awaitValue("the clip probed", Duration.ofSeconds(60), () -> catalog.findByPath(clip),
                f -> f.isPresent() && f.get().metadata().map(m -> m.width() != null).orElse(false)).get();

        try (Browser browser = new Browser()) {
            signInAsOwner(browser, web.base());
            browser.open(web.base() + "/play?id=" + file.luid() + "&via=webrtc");
            // The page's own statistics, four times a second: frames decoded, and the UDP ports its connection uses.
            browser.execute("window.seen = {decoded: 0, udp: [], tcp: []}; setInterval(async () => {"
                    + " if (!player.pc) return; const udp = [], tcp = []; let decoded = 0, pair = null;"
                    + " const stats = await player.pc.getStats(); stats.forEach(s => {"
                    + " if (s.type === 'inbound-rtp' && s.kind === 'video') decoded = s.framesDecoded || 0;"
                    + " if (s.type === 'transport' && s.selectedCandidatePairId) pair = stats.get(s.selectedCandidatePairId);"
                    + " if (s.type === 'local-candidate' && s.port > 9) (s.protocol === 'tcp' ? tcp : udp).push(s.port);"
                    + " if (s.type === 'remote-candidate' && s.port > 9 && s.protocol === 'tcp') tcp.push(s.port); });"
                    + " const local = pair ? stats.get(pair.localCandidateId) : null;"
                    + " window.seen = {decoded: decoded, udp: udp, tcp: tcp, ice: player.pc.iceConnectionState,"
                    + " path: local ? local.protocol + ':' + local.port : ''}; }, 250); return true;");
            browser.waitFor("pictures and a position report over WebRTC", PLAY, "return player.error ? player.error"
                    + " : window.seen.decoded > 30 && player.status && player.status.position >= 1;",
                    v -> v instanceof String || Boolean.TRUE.equals(v));
            assertNull(browser.execute("return player.error;"));
            String session = (String) browser.execute("return player.session;");
            double before = ((Number) browser.execute("return player.status.position;")).doubleValue();
            long frames = ((Number) browser.execute("return window.seen.decoded;")).longValue();
            @SuppressWarnings("unchecked")
            List<Number> udp = (List<Number>) browser.execute("return window.seen.udp;");
            @SuppressWarnings("unchecked")
            List<Number> tcp = (List<Number>) browser.execute("return window.seen.tcp;");
            assertTrue("the page's connection uses UDP ports: " + udp, !udp.isEmpty());

            // Wi-Fi to mobile: nothing passes the old path any more; the page's HTTP calls (TCP) still do, and an
            // ICE restart gathers new candidates on new ports.
            try (PortBlock cut = PortBlock.ports(udp.stream().map(Number::intValue).toList(),
                    tcp.stream().map(Number::intValue).toList())) {
                browser.waitFor("the page answered an ICE restart offer and decodes again (" + udp + " UDP, " + tcp
                        + " TCP cut)", PLAY, "return player.ended ? 'ended: ' + player.ended : (player.restarts || 0)"
                        + " >= 1 && window.seen.decoded > " + (frames + 30) + " || JSON.stringify({restarts:"
                        + " player.restarts || 0, seen: window.seen});",
                        v -> Boolean.TRUE.equals(v) || String.valueOf(v).startsWith("ended: "));
                assertNull("the session did not end", browser.execute("return player.ended || null;"));
                double after = ((Number) browser.execute("return player.status.position;")).doubleValue();
                assertTrue("the film went on from about where it was: " + before + " s before, " + after + " s after",
                        after >= before - 3 && after < before + 7);
                assertEquals("the same session", session, browser.execute("return player.session;"));
                assertTrue(executeCommand("peer:stream-list").contains(session));
            }
            browser.click("#stop");
            await("peer:stream-list without " + session, TIMEOUT,
                    () -> !executeCommand("peer:stream-list").contains(session));
        }
    }
}
