package org.giggityflix.peer.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.giggityflix.peer.testsupport.Browser;

/**
 * {@code PlayerBench} is responsible for the player's start-to-picture figure (issue 12, goal ≤ 0.5 s on loopback):
 * in headless Chromium signed in to a running peer, the time from navigating to {@code /play?id=} until the
 * {@code <video>} presents its first frame ({@code requestVideoFrameCallback}) when the page chooses direct play,
 * and, inside that, from its {@code play()} call to that frame. The baseline, timed in the same run and alternated
 * with it, is a bare page (a local file) holding only a {@code <video autoplay>} of the same signed link: what the
 * browser and the peer's file serving cost without the player.
 *
 * <p>Arguments: base URL, user, password, file name (as cataloged), rounds, results file (TSV rows appended),
 * work dir (for the bare page). Chromedriver listens on a port of its own choosing.
 */
public final class PlayerBench {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private PlayerBench() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String user = args[1];
        String password = args[2];
        String name = args[3];
        int rounds = Integer.parseInt(args[4]);
        Path results = Path.of(args[5]);
        Path work = Path.of(args[6]);
        Path bare = Files.writeString(work.resolve("bare.html"), """
                <!doctype html><meta charset="utf-8"><video id="v" muted autoplay playsinline></video><script>
                const v = document.getElementById('v');
                window.first = null;
                v.requestVideoFrameCallback((now) => { window.first = now; });
                v.src = decodeURIComponent(location.hash.slice(1));
                </script>""", StandardCharsets.UTF_8);

        try (Browser browser = new Browser()) {
            browser.open(base + "/login");
            browser.type("#username", user);
            browser.type("#password", password);
            browser.click("#login-submit");
            browser.waitFor("signed in", WAIT, "return location.pathname;", "/"::equals);
            Object id = browser.waitFor(name + " cataloged and ready", Duration.ofMinutes(5),
                    "return fetch('/api/v1/media?q=" + name + "', {credentials: 'same-origin'}).then(r => r.json())"
                            + ".then(d => { const f = (d.items || []).find(x => x.status === 'ready');"
                            + " return f ? f.id : null; });",
                    v -> v != null);
            List<Double> player = new ArrayList<>();
            List<Double> afterPlay = new ArrayList<>();
            List<Double> plain = new ArrayList<>();
            for (int round = 0; round <= rounds; round++) {      // round 0 warms the browser and the peer up
                browser.open("about:blank");
                browser.open(base + "/play?id=" + id);
                Object r = browser.waitFor("the player's first frame", WAIT,
                        "return player.error ? player.error : player.firstFrameAt !== null && player.mode === 'http'"
                                + " ? [player.firstFrameAt, player.firstFrameAt - player.playAt] : null;",
                        v -> v != null);
                if (!(r instanceof List<?> pair)) {
                    throw new IllegalStateException("the player did not play directly: " + r);
                }
                String link = (String) browser.execute("return player.info.link;");
                browser.open("about:blank");
                browser.open(bare.toUri() + "#" + java.net.URLEncoder.encode(base + link, StandardCharsets.UTF_8));
                Object b = browser.waitFor("the bare page's first frame", WAIT, "return window.first;",
                        v -> v instanceof Number);
                if (round == 0) {
                    continue;
                }
                player.add(((Number) pair.get(0)).doubleValue());
                afterPlay.add(((Number) pair.get(1)).doubleValue());
                plain.add(((Number) b).doubleValue());
                System.out.printf(Locale.ROOT, "  round %d: player %.0f ms (play() to frame %.0f ms), bare <video> %.0f ms%n",
                        round, player.get(round - 1), afterPlay.get(round - 1), plain.get(round - 1));
            }
            double p = median(player);
            double a = median(afterPlay);
            double bare0 = median(plain);
            String rows = String.format(Locale.ROOT,
                    "player start-to-picture, direct play (navigation to first frame), median of %d\t%.0f ms\t"
                            + "bare <video> of the same link %.0f ms\t%.2f\t<= 500 ms\t%s%n"
                            + "  of which play() to first frame\t%.0f ms\t-\t-\t-\treported%n",
                    rounds, p, bare0, p / bare0, p <= 500 ? "met" : "not met", a);
            System.out.print(rows);
            Files.writeString(results, rows, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
