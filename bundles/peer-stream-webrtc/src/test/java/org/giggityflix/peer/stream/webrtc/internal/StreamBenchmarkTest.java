package org.giggityflix.peer.stream.webrtc.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.giggityflix.peer.api.stream.SignalingException;
import org.giggityflix.peer.api.stream.SignalingException.Reason;
import org.junit.jupiter.api.Test;
import org.giggityflix.peer.testsupport.Browser;

/**
 * {@code StreamBenchmarkTest} is responsible for the streaming benchmark (run by {@code bench/stream.sh}, skipped
 * unless {@code -Dbenchmark=true}): session request to first decoded frame in Chromium with FFmpeg and libwebrtc
 * loaded, JVM CPU per 720p30 stream (decode + encode), how many concurrent 720p30 streams Chromium receives at
 * real time, and memory per session. Figures go to stdout and to {@code -Dbench.out}.
 */
class StreamBenchmarkTest {

    static final int SIGNALING_PORT = 61130;
    static final int DRIVER_PORT = 61131;
    static final int SAMPLE_SECONDS = 10;

    @Test
    void benchmark() throws Exception {
        assumeTrue(Boolean.getBoolean("benchmark"), "run with -Dbenchmark=true (bench/stream.sh)");
        assumeTrue(Browser.available(), "needs Debian chromium + chromium-driver");
        Path dir = Path.of(System.getProperty("bench.dir", "/tmp/giggityflix-bench-stream"));
        Files.createDirectories(dir);
        Path clip = dir.resolve("720p30-h264-60s.mp4");
        if (!Files.exists(clip)) {
            TestMedia.video(dir.resolve("tmp.mp4"), 1280, 720, 60, true, true);
            Files.move(dir.resolve("tmp.mp4"), clip);
        }
        int maxStreams = Integer.getInteger("bench.maxStreams", 4);
        List<String> out = new ArrayList<>();
        try (RtcEngine engine = new RtcEngine()) {
            engine.factory(); // FFmpeg and libwebrtc loaded before the first request, as in a running peer
            WebRtcSettings settings = new WebRtcSettings(List.of(), 5000, 16, 30);
            WebRtcSessions sessions = new WebRtcSessions(engine, luid -> {
                if (luid != 1) {
                    throw new SignalingException(Reason.NO_SUCH_MEDIA, "no");
                }
                return clip;
            }, () -> settings);
            try (SignalingServer signaling = new SignalingServer(SIGNALING_PORT, sessions);
                 Browser browser = new Browser(DRIVER_PORT)) {
                // 1. Request to first decoded frame, one session at a time.
                double[] firsts = new double[7];
                for (int i = 0; i < firsts.length; i++) {
                    browser.open(signaling.url());
                    browser.execute("viewer(1)");
                    Await.until(Duration.ofSeconds(20), "first frame", () ->
                            browser.number("return viewers[0].firstFrameMs || 0") > 0);
                    firsts[i] = browser.number("return viewers[0].firstFrameMs");
                    sessions.sessions().forEach(s -> sessions.stop(s.id()));
                    Await.until(Duration.ofSeconds(10), "freed", () -> sessions.sessions().isEmpty());
                }
                double[] sorted = firsts.clone();
                Arrays.sort(sorted);
                out.add(String.format(Locale.ROOT, "first_frame_ms\tmedian %.0f\tmin %.0f\tmax %.0f\t(%d runs, goal <= 600)",
                        sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], sorted.length));
                System.out.println(out.get(out.size() - 1));

                // 2-4. k concurrent 720p30 streams: JVM CPU, receiver frame rate, RSS per session.
                for (int k = 1; k <= maxStreams; k++) {
                    browser.open(signaling.url());
                    System.gc();
                    Thread.sleep(500);
                    long rssBefore = rssKb();
                    for (int i = 0; i < k; i++) {
                        browser.execute("viewer(1)");
                    }
                    int streams = k;
                    Await.until(Duration.ofSeconds(30), k + " streams decoding", () -> browser.number(
                            "return viewers.filter(v => v.framesDecoded > 30).length") == streams);
                    Thread.sleep(3000); // let the encoders settle
                    double[] decodedBefore = frames(browser, k);
                    long cpuBefore = cpuNanos();
                    long wallBefore = System.nanoTime();
                    Thread.sleep(SAMPLE_SECONDS * 1000L);
                    long cpu = cpuNanos() - cpuBefore;
                    long wall = System.nanoTime() - wallBefore;
                    double[] decodedAfter = frames(browser, k);
                    long rssDuring = rssKb();
                    double minFps = Double.MAX_VALUE;
                    double sumFps = 0;
                    for (int i = 0; i < k; i++) {
                        double fps = (decodedAfter[i] - decodedBefore[i]) / (wall / 1e9);
                        minFps = Math.min(minFps, fps);
                        sumFps += fps;
                    }
                    double cores = (double) cpu / wall;
                    out.add(String.format(Locale.ROOT, "streams=%d\tjvm_cores %.2f (%.2f per stream)\treceiver_fps min %.1f avg %.1f\t"
                                    + "rss_delta_mb %.0f (%.0f per session)\treal_time %s", k, cores, cores / k, minFps,
                            sumFps / k, (rssDuring - rssBefore) / 1024.0, (rssDuring - rssBefore) / 1024.0 / k,
                            minFps >= 27 ? "yes" : "no"));
                    System.out.println(out.get(out.size() - 1));
                    sessions.sessions().forEach(s -> sessions.stop(s.id()));
                    Await.until(Duration.ofSeconds(10), "freed", () -> sessions.sessions().isEmpty());
                }
            } finally {
                sessions.close();
            }
        }
        String file = System.getProperty("bench.out");
        if (file != null) {
            Files.write(Path.of(file), out);
        }
    }

    private static double[] frames(Browser browser, int k) throws Exception {
        double[] frames = new double[k];
        for (int i = 0; i < k; i++) {
            frames[i] = browser.number("return viewers[" + i + "].framesDecoded");
        }
        return frames;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long rssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
