package org.giggityflix.peer.stream.webrtc.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.giggityflix.peer.api.media.FrameOptions;
import org.giggityflix.peer.api.stream.SignalingException;
import org.giggityflix.peer.api.stream.SignalingException.Reason;
import org.giggityflix.peer.stream.webrtc.internal.LinkViewer.Seen;
import org.giggityflix.peer.testsupport.Browser;
import org.giggityflix.peer.testsupport.ImpairmentRelay;
import org.giggityflix.peer.testsupport.ImpairmentRelay.Impairment;
import org.giggityflix.peer.testsupport.NetNamespace;
import org.junit.jupiter.api.Test;

/**
 * {@code LinkBenchmarkTest} is responsible for issue 17's link benchmark ({@code bench/stream.sh --links}, skipped
 * unless {@code -Dbenchmark=true}; root): a 720p30 H.264 stream to headless Chromium in a network namespace, the
 * link shaped with {@code tbf} and the path impaired by an {@link ImpairmentRelay}, one fresh session per scenario:
 * 8 Mbit/s 20 ms; 3 Mbit/s 40 ms 1 % loss; 1.2 Mbit/s 120 ms 3 % loss with 15 ms jitter; a drop from 8 to 1.5
 * Mbit/s and back; a 5 s outage (every packet lost). Times are round trips. Per scenario, from the viewer's
 * getStats() sampled once a second: freezes (each one's length is what {@code totalFreezesDuration} grew by in the
 * second it ended), average decoded height and fps, time to adapt after the drop (first lower height seen) and to
 * recover after it (height back), time for pictures to move again after the outage, how often the decoded height
 * changed (a stream that flaps changes often; the drop calls for two), and the peer's CPU (this JVM).
 *
 * <p>{@code -Dbench.compare=true} runs each scenario twice in this JVM, first with steps chosen on the estimate alone
 * and applied at the next half-second tick ("before", {@link LinkAdapter#QUICK_STEP_PROPERTY}{@code =false}) then as
 * it is; each scenario's viewer readings (one a second) and the moment of the drop go to the output for the peer's
 * log to be read beside; {@code -Dbench.scenarios=drop,outage} runs only
 * those of {@code steady, loss, lossy, drop, outage}.
 */
class LinkBenchmarkTest {

    static final int DRIVER_PORT = 61153;

    /** One line of the table. */
    record Scenario(String name, int kbit, Impairment path) {
    }

    @Test
    void benchmark() throws Exception {
        assumeTrue(Boolean.getBoolean("benchmark"), "run with -Dbenchmark=true (bench/stream.sh --links)");
        assumeTrue(Browser.available(), "needs Debian chromium + chromium-driver");
        assumeTrue(NetNamespace.unavailableReason() == null, NetNamespace.unavailableReason());
        Path dir = Path.of(System.getProperty("bench.dir", "/tmp/giggityflix-bench-stream"));
        Files.createDirectories(dir);
        Path clip = dir.resolve("720p30-h264-60s.mp4");
        if (!Files.exists(clip)) {
            TestMedia.video(dir.resolve("tmp.mp4"), 1280, 720, 60, true, true);
            Files.move(dir.resolve("tmp.mp4"), clip);
        }
        Degradation preference = Degradation.parse(System.getProperty("bench.degradation", "balanced"))
                .orElse(Degradation.BALANCED);
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "%-42s %8s %8s %8s %7s %7s %9s %9s %8s %6s", "scenario (" + preference.key()
                + ")", "freezes", "median", "worst", "height", "fps", "adapt", "recover", "changes", "cores"));
        try (RtcEngine engine = new RtcEngine()) {
            engine.factory();
            FrameSources frames = TestFrames.ffmpeg();
            frames.open(clip, FrameOptions.withAudio(1)).close();
            WebRtcSettings settings = new WebRtcSettings(List.of(), 5000, 2, 30).with(preference);
            List<String> only = List.of(System.getProperty("bench.scenarios", "steady,loss,lossy,drop,outage")
                    .split(","));
            boolean compare = Boolean.getBoolean("bench.compare");
            Map<String, Scenario> all = new java.util.LinkedHashMap<>();
            all.put("steady", new Scenario("8 Mbit/s 20 ms", 8000, new Impairment(10, 0, 0)));
            all.put("loss", new Scenario("3 Mbit/s 40 ms 1 % loss", 3000, new Impairment(20, 0, 1)));
            all.put("lossy", new Scenario("1.2 Mbit/s 120 ms 3 % loss, jitter", 1200, new Impairment(60, 15, 3)));
            all.put("drop", new Scenario("8 -> 1.5 -> 8 Mbit/s 20 ms", 8000, new Impairment(10, 0, 0)));
            all.put("outage", new Scenario("8 Mbit/s 20 ms, 5 s outage", 8000, new Impairment(10, 0, 0)));
            for (Map.Entry<String, Scenario> e : all.entrySet()) {
                if (!only.contains(e.getKey())) {
                    continue;
                }
                String event = e.getKey().equals("drop") || e.getKey().equals("outage") ? e.getKey() : null;
                int seconds = "drop".equals(event) ? 50 : "outage".equals(event) ? 35 : 30;
                for (boolean now : compare ? List.of(false, true) : List.of(true)) {
                    System.setProperty(LinkAdapter.QUICK_STEP_PROPERTY, String.valueOf(now));
                    Scenario s = compare ? new Scenario((now ? "after: " : "before: ") + e.getValue().name(),
                            e.getValue().kbit(), e.getValue().path()) : e.getValue();
                    out.add(run(engine, frames, settings, clip, s, seconds, event));
                }
            }
        } finally {
            System.clearProperty(LinkAdapter.QUICK_STEP_PROPERTY);
        }
        out.forEach(System.out::println);
        String file = System.getProperty("bench.out");
        if (file != null) {
            Files.write(Path.of(file), out);
        }
    }

    private String run(RtcEngine engine, FrameSources frames, WebRtcSettings settings, Path clip, Scenario s,
                       int seconds, String event) throws Exception {
        try (NetNamespace net = NetNamespace.create()) {
            WebRtcSessions sessions = new WebRtcSessions(engine, luid -> {
                if (luid != 1) {
                    throw new SignalingException(Reason.NO_SUCH_MEDIA, "no");
                }
                return clip;
            }, frames, () -> settings);
            Map<InetSocketAddress, ImpairmentRelay> relays = new ConcurrentHashMap<>();
            InetAddress host = InetAddress.getByName(net.hostAddress());
            try (SignalingServer signaling = new SignalingServer(net.hostAddress(), 0, sessions);
                 Browser browser = Browser.in(net, DRIVER_PORT)) {
                signaling.peerCandidates = line -> ImpairmentRelay.udpAddressOf(line)
                        .filter(a -> a.getAddress().equals(host))
                        .map(t -> relays.computeIfAbsent(t, x -> relay(host, x, s.path())).candidateVia(line))
                        .orElse(null);
                signaling.viewerCandidates = line -> null;
                net.shape(s.kbit());
                LinkViewer viewer = new LinkViewer(browser, signaling);
                viewer.watch("{}");
                Thread.sleep(5000); // the estimate's ramp from libwebrtc's start
                long cpu0 = cpuNanos();
                long t0 = System.nanoTime();
                List<Seen> seen = new ArrayList<>();
                double changeAt = -1;
                double restoreAt = -1;
                for (int i = 0; i <= seconds; i++) {
                    if ("drop".equals(event) && i == 15) {
                        System.out.println(java.time.LocalTime.now() + " " + s.name() + ": the link drops to 1.5 Mbit/s");
                        net.shape(1500);
                        changeAt = i;
                    } else if ("drop".equals(event) && i == 35) {
                        net.shape(s.kbit());
                        restoreAt = i;
                    } else if ("outage".equals(event) && i == 15) {
                        relays.values().forEach(r -> r.impair(new Impairment(10, 0, 100)));
                        changeAt = i;
                    } else if ("outage".equals(event) && i == 20) {
                        relays.values().forEach(r -> r.impair(s.path()));
                        restoreAt = i;
                    }
                    seen.add(viewer.seen(t0));
                    long next = t0 + (i + 1) * 1_000_000_000L;
                    Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
                }
                double cores = (cpuNanos() - cpu0) / (double) (System.nanoTime() - t0);
                System.out.println(s.name() + ", the viewer each second: " + seen);
                relays.values().forEach(ImpairmentRelay::close);
                return line(s, seen, event, changeAt, restoreAt, cores);
            } finally {
                sessions.close();
                relays.values().forEach(ImpairmentRelay::close);
            }
        }
    }

    private static String line(Scenario s, List<Seen> seen, String event, double changeAt, double restoreAt,
                               double cores) {
        List<Double> freezes = new ArrayList<>();
        for (int i = 1; i < seen.size(); i++) {
            if (seen.get(i).freezes() > seen.get(i - 1).freezes()) {
                freezes.add(seen.get(i).freezeSeconds() - seen.get(i - 1).freezeSeconds());
            }
        }
        freezes.sort(Double::compare);
        double median = freezes.isEmpty() ? 0 : freezes.get(freezes.size() / 2);
        double worst = freezes.isEmpty() ? 0 : freezes.get(freezes.size() - 1);
        double height = seen.stream().mapToInt(Seen::height).average().orElse(0);
        double fps = LinkViewer.fps(seen.get(0), seen.get(seen.size() - 1));
        String adapt = "-";
        String recover = "-";
        if ("drop".equals(event)) {
            int before = seen.get((int) changeAt).height();
            adapt = firstAfter(seen, changeAt, restoreAt, x -> x.height() > 0 && x.height() < before);
            int lowest = seen.get((int) restoreAt).height();
            recover = firstAfter(seen, restoreAt, seen.size(), x -> x.height() > lowest);
        } else if ("outage".equals(event)) {
            long frozenAt = seen.get((int) restoreAt).framesDecoded();
            recover = firstAfter(seen, restoreAt, seen.size(), x -> x.framesDecoded() > frozenAt + 5);
        }
        return String.format(Locale.ROOT, "%-42s %8d %7.2fs %7.2fs %7.0f %7.1f %9s %9s %8d %6.2f", s.name(),
                freezes.size(), median, worst, height, fps, adapt, recover, changes(seen), cores);
    }

    /** How often the decoded height changed (after the first picture): a stream that flaps changes often. */
    private static int changes(List<Seen> seen) {
        int changes = 0;
        for (int i = 1; i < seen.size(); i++) {
            int before = seen.get(i - 1).height();
            int now = seen.get(i).height();
            changes += before > 0 && now > 0 && now != before ? 1 : 0;
        }
        return changes;
    }

    private static String firstAfter(List<Seen> seen, double from, double to,
                                     java.util.function.Predicate<Seen> test) {
        for (int i = (int) from + 1; i < Math.min(to + 1, seen.size()); i++) {
            if (test.test(seen.get(i))) {
                return String.format(Locale.ROOT, "%.0fs", seen.get(i).seconds() - seen.get((int) from).seconds());
            }
        }
        return "never";
    }

    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).toNanos();
    }

    private static ImpairmentRelay relay(InetAddress host, InetSocketAddress target, Impairment path) {
        try {
            return new ImpairmentRelay(host, target, path, 17);
        } catch (java.net.SocketException e) {
            throw new IllegalStateException(e);
        }
    }
}
