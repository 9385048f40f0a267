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
import java.util.Map;

import org.giggityflix.peer.api.media.FrameOptions;
import org.giggityflix.peer.api.stream.SignalingException;
import org.giggityflix.peer.api.stream.SignalingException.Reason;
import org.giggityflix.peer.testsupport.Await;
import org.giggityflix.peer.testsupport.FfmpegCli;
import org.junit.jupiter.api.Test;
import org.giggityflix.peer.testsupport.Browser;

/**
 * {@code StreamBenchmarkTest} is responsible for the streaming benchmark (run by {@code bench/stream.sh}, skipped
 * unless {@code -Dbenchmark=true}): session request to first decoded frame in Chromium with FFmpeg and libwebrtc
 * loaded, the peer's CPU per 720p30 stream (decode + encode, this JVM) apart from the viewer's (Chromium's
 * processes) and the rest of the machine's, how many concurrent 720p30 streams hold real time (every stream
 * encoded by the peer and decoded by Chromium at >= 27 fps over the window), and memory per session. Figures go
 * to stdout and to {@code -Dbench.out}; the peer's busiest threads go to stdout.
 */
class StreamBenchmarkTest {

    static final int SAMPLE_SECONDS = 10;

    @Test
    void benchmark() throws Exception {
        assumeTrue(Boolean.getBoolean("benchmark"), "run with -Dbenchmark=true (bench/stream.sh)");
        assumeTrue(System.getProperty("bench.firstSession", "").isEmpty(), "the first-session run measures only that");
        assumeTrue(Browser.available(), "needs Debian chromium + chromium-driver");
        Path dir = Path.of(System.getProperty("bench.dir", "/tmp/giggityflix-bench-stream"));
        Path clip = clip(dir);
        int maxStreams = Integer.getInteger("bench.maxStreams", 4);
        String codec = System.getProperty("bench.codec", "").replaceAll("[^A-Za-z0-9]", "");
        Path hdr = Boolean.getBoolean("bench.hdr") ? hdrClip(dir) : null;
        boolean compare = hdr != null && Boolean.getBoolean("bench.startCompare");
        Path sdr1080 = compare ? sdr1080Clip(dir) : null;
        List<String> out = new ArrayList<>();
        try (RtcEngine engine = new RtcEngine()) {
            engine.factory(); // libwebrtc loaded before the first request, as in a running peer
            FrameSources frames = TestFrames.ffmpeg();
            // FFmpeg's natives loaded too: a running peer's probe and screenshots have used them since the scan.
            frames.open(clip, FrameOptions.withAudio(1)).close();
            WebRtcSettings settings = new WebRtcSettings(List.of(), 5000, 16, 30);
            WebRtcSessions sessions = new WebRtcSessions(engine, luid -> {
                if (luid == 2 && hdr != null) {
                    return hdr;
                }
                if (luid == 3 && sdr1080 != null) {
                    return sdr1080;
                }
                if (luid != 1) {
                    throw new SignalingException(Reason.NO_SUCH_MEDIA, "no");
                }
                return clip;
            }, frames, () -> settings);
            try (SignalingServer signaling = new SignalingServer(0, sessions);
                 Browser browser = new Browser()) {
                if (hdr != null) {
                    out.addAll(hdrFigures(browser, signaling, sessions, compare));
                }
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

                // 2-4. k concurrent 720p30 streams: peer (JVM) CPU and the viewer's (Chromium) CPU apart, frames
                // encoded by the peer, received and decoded by Chromium per stream, RSS per session.
                for (int k = 1; k <= maxStreams; k++) {
                    browser.open(signaling.url());
                    System.gc();
                    Thread.sleep(500);
                    long rssBefore = rssKb();
                    for (int i = 0; i < k; i++) {
                        browser.execute(codec.isEmpty() ? "viewer(1)" : "viewer(1, '" + codec + "')");
                    }
                    int streams = k;
                    Await.until(Duration.ofSeconds(30), k + " streams decoding", () -> browser.number(
                            "return viewers.filter(v => v.framesDecoded > 30).length") == streams);
                    Thread.sleep(3000); // let the encoders settle
                    String[] ids = new String[k];
                    for (int i = 0; i < k; i++) {
                        ids[i] = browser.text("return viewers[" + i + "].id");
                    }
                    double[][] before = frames(browser, sessions, ids);
                    long cpuBefore = cpuNanos();
                    Duration viewerBefore = browser.cpuTime();
                    long[] machineBefore = machineJiffies();
                    Map<String, Long> threadsBefore = threadJiffies();
                    long wallBefore = System.nanoTime();
                    Thread.sleep(SAMPLE_SECONDS * 1000L);
                    long cpu = cpuNanos() - cpuBefore;
                    Duration viewerCpu = browser.cpuTime().minus(viewerBefore);
                    long[] machineAfter = machineJiffies();
                    Map<String, Long> threadsAfter = threadJiffies();
                    long wall = System.nanoTime() - wallBefore;
                    double[][] after = frames(browser, sessions, ids);
                    long rssDuring = rssKb();
                    double seconds = wall / 1e9;
                    double[] min = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
                    double[] sum = new double[4];
                    for (int i = 0; i < k; i++) {
                        for (int f = 0; f < 4; f++) {
                            double fps = (after[i][f] - before[i][f]) / seconds;
                            min[f] = Math.min(min[f], fps);
                            sum[f] += fps;
                        }
                    }
                    StringBuilder limits = new StringBuilder();
                    for (String id : ids) {
                        Map<String, Object> st = sessions.session(id).map(RtcSession::senderStats).orElse(Map.of());
                        limits.append(limits.length() == 0 ? "" : ",").append(st.getOrDefault("frameWidth", "?"))
                                .append('x').append(st.getOrDefault("frameHeight", "?")).append('/')
                                .append(st.getOrDefault("qualityLimitationReason", "?")).append('/')
                                .append(st.get("targetBitrate") instanceof Number n ? Math.round(n.doubleValue() / 1000)
                                        + "kbps" : "?");
                    }
                    double cores = (double) cpu / wall;
                    double viewerCores = viewerCpu.toNanos() / (double) wall;
                    double machineBusy = (double) (machineAfter[0] - machineBefore[0])
                            / Math.max(1, machineAfter[1] - machineBefore[1]) * Runtime.getRuntime().availableProcessors();
                    double decodedMin = min[2];
                    out.add(String.format(Locale.ROOT, "streams=%d\tpeer_cores %.2f (%.2f per stream)\tviewer_cores %.2f"
                                    + "\tmachine_busy %.2f of %d cores (others %.2f)\tpeer_sent_fps min %.1f avg %.1f"
                                    + "\treceived_fps min %.1f\tdecoded_fps min %.1f avg %.1f\tdropped_fps max %.1f"
                                    + "\tsent_size/limit/target %s\trss_delta_mb %.0f (%.0f per session)\treal_time %s",
                            k, cores, cores / k, viewerCores, machineBusy, Runtime.getRuntime().availableProcessors(),
                            Math.max(0, machineBusy - cores - viewerCores), min[0], sum[0] / k, min[1], decodedMin,
                            sum[2] / k, maxDropped(before, after, seconds), limits,
                            (rssDuring - rssBefore) / 1024.0, (rssDuring - rssBefore) / 1024.0 / k,
                            decodedMin >= 27 && min[0] >= 27 ? "yes" : "no"));
                    System.out.println(out.get(out.size() - 1));
                    out.add("  peer threads, cores: " + threadShares(threadsBefore, threadsAfter, wall));
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

    /**
     * Issue 14.5: the first session after a start against the later ones, in a JVM that has loaded neither libwebrtc
     * nor FFmpeg yet (a freshly started peer). {@code -Dbench.firstSession=cold}: nothing prepared, the first session
     * loads both (the peer without an Edge link, and every peer before the warm-up); {@code warm}: the engine and the
     * codecs prepared as the transport does when the Edge link comes up, a moment before the first viewer asks. One
     * line: the first session's first frame, then the later sessions'.
     */
    @Test
    void firstSessionAfterStart() throws Exception {
        String mode = System.getProperty("bench.firstSession", "");
        assumeTrue(Boolean.getBoolean("benchmark") && !mode.isEmpty(), "bench/stream.sh --first-session");
        assumeTrue(Browser.available(), "needs Debian chromium + chromium-driver");
        Path clip = clip(Path.of(System.getProperty("bench.dir", "/tmp/giggityflix-bench-stream")));
        WebRtcSettings settings = new WebRtcSettings(List.of(), 5000, 16, 30);
        FrameSources frames = TestFrames.ffmpeg();
        try (RtcEngine engine = new RtcEngine();
             WebRtcSessions sessions = new WebRtcSessions(engine, luid -> clip, frames, () -> settings);
             SignalingServer signaling = new SignalingServer(0, sessions);
             Browser browser = new Browser()) {
            browser.open(signaling.url()); // the viewer's page is loaded before the clock starts, as below
            if (mode.equals("warm")) {
                engine.prepare(frames::prepareAll); // what the transport does when the Edge link comes up
                Await.until(Duration.ofSeconds(30), "engine and FFmpeg prepared", () -> engine.ready()
                        && org.bytedeco.javacpp.Loader.getLoadedLibraries().keySet().stream()
                        .anyMatch(l -> l.contains("avfilter")));
            }
            double[] firsts = new double[6];
            for (int i = 0; i < firsts.length; i++) {
                if (i > 0) {
                    browser.open(signaling.url());
                }
                browser.execute("viewer(1)");
                Await.until(Duration.ofSeconds(30), "first frame", () ->
                        browser.number("return viewers[0].firstFrameMs || 0") > 0);
                firsts[i] = browser.number("return viewers[0].firstFrameMs");
                sessions.sessions().forEach(s -> sessions.stop(s.id()));
                Await.until(Duration.ofSeconds(10), "freed", () -> sessions.sessions().isEmpty());
            }
            double[] later = Arrays.copyOfRange(firsts, 1, firsts.length);
            Arrays.sort(later);
            String line = String.format(Locale.ROOT, "first_session_ms\t%s\tfirst %.0f\tlater median %.0f"
                            + "\tmin %.0f\tmax %.0f\t(%d later sessions; goal: first <= 600)", mode, firsts[0],
                    later[later.length / 2], later[0], later[later.length - 1], later.length);
            System.out.println(line);
            String file = System.getProperty("bench.out");
            if (file != null) {
                Files.writeString(Path.of(file), line + System.lineSeparator(),
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            }
        }
    }

    /** The 60 s 1280x720 30 fps H.264 clip with sound the benchmarks stream, made once in {@code dir}. */
    private static Path clip(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path clip = dir.resolve("720p30-h264-60s.mp4");
        if (!Files.exists(clip)) {
            TestMedia.video(dir.resolve("tmp.mp4"), 1280, 720, 60, true, true);
            Files.move(dir.resolve("tmp.mp4"), clip);
        }
        return clip;
    }

    /**
     * The HDR clip's picture as a camera's 1080p SDR file would carry it (H.264 High, BT.709, 8 Mbit/s), made once with
     * the ffmpeg command: the same content at the same size without the tone mapping.
     */
    private static Path sdr1080Clip(Path dir) throws Exception {
        Path clip = dir.resolve("1080p30-sdr-h264-30s.mp4");
        if (!Files.exists(clip)) {
            Path tmp = dir.resolve("tmp-sdr1080.mp4");
            FfmpegCli.run("-f", "lavfi", "-i", "testsrc2=s=1920x1080:r=30:d=30", "-c:v", "libx264", "-preset",
                    "veryfast", "-b:v", "8M", "-pix_fmt", "yuv420p", "-color_primaries", "bt709", "-color_trc",
                    "bt709", "-colorspace", "bt709", tmp.toString());
            Files.move(tmp, clip);
        }
        return clip;
    }

    /**
     * A 30 s 1920x1080 30 fps HDR10 clip (HEVC Main 10, PQ, BT.2020, as cameras and release groups write it), made
     * once with the ffmpeg command.
     */
    private static Path hdrClip(Path dir) throws Exception {
        Path clip = dir.resolve("1080p30-hdr10-hevc-30s.mkv");
        if (!Files.exists(clip)) {
            Path tmp = dir.resolve("tmp-hdr.mkv");
            FfmpegCli.run("-f", "lavfi", "-i", "testsrc2=s=1920x1080:r=30:d=30", "-vf",
                    "zscale=tin=bt709:pin=bt709:min=bt709:t=smpte2084:p=bt2020:m=bt2020nc:npl=100,format=yuv420p10le",
                    "-c:v", "libx265", "-preset", "ultrafast", "-x265-params",
                    "log-level=error:colorprim=bt2020:transfer=smpte2084:colormatrix=bt2020nc:max-cll=1000,400",
                    tmp.toString());
            Files.move(tmp, clip);
        }
        return clip;
    }

    /**
     * First frame (5 runs) and the peer's CPU over 10 s of one 1080p HDR -> SDR stream; with
     * {@code -Dbench.startCompare=true} each run twice, "before" (libwebrtc's own start bitrate, {@link StartBitrate}
     * off) and "after" (as the peer is), interleaved, and the same for a 1080p and the 720p SDR clip. Each HDR run's
     * {@link FirstFrameTimeline} goes to stdout.
     */
    private static List<String> hdrFigures(Browser browser, SignalingServer signaling, WebRtcSessions sessions,
                                           boolean compare) throws Exception {
        List<String> out = new ArrayList<>();
        List<String> modes = compare ? List.of("false", "") : List.of("");
        String[] clips = compare ? new String[] {"2:1080p30 HDR10 HEVC tone-mapped", "3:1080p30 SDR H.264",
            "1:720p30 SDR H.264"} : new String[] {"2:1080p30 HDR10 HEVC tone-mapped"};
        int runs = 5;
        double[][][] firsts = new double[clips.length][modes.size()][runs];
        for (int i = 0; i < runs; i++) {
            for (int c = 0; c < clips.length; c++) {
                int luid = Integer.parseInt(clips[c].substring(0, 1));
                for (int m = 0; m < modes.size(); m++) {
                    System.setProperty(StartBitrate.PROPERTY, modes.get(m));
                    browser.open(signaling.url());
                    try (FirstFrameTimeline timeline = new FirstFrameTimeline(sessions)) {
                        browser.execute("viewer(" + luid + "); " + FirstFrameTimeline.PAGE_POLLER);
                        Await.until(Duration.ofSeconds(30), "first frame of " + clips[c], () ->
                                browser.number("return viewers[0].firstFrameMs || 0") > 0);
                        firsts[c][m][i] = browser.number("return viewers[0].firstFrameMs");
                        System.out.println(clips[c].substring(2) + " " + mode(modes.get(m)) + " run " + (i + 1)
                                + ": " + Math.round(firsts[c][m][i]) + " ms");
                        System.out.println(timeline.summary(browser, firsts[c][m][i]));
                    }
                    sessions.sessions().forEach(s -> sessions.stop(s.id()));
                    Await.until(Duration.ofSeconds(10), "freed", () -> sessions.sessions().isEmpty());
                }
            }
        }
        for (int c = 0; c < clips.length; c++) {
            for (int m = 0; m < modes.size(); m++) {
                double[] sorted = firsts[c][m].clone();
                Arrays.sort(sorted);
                out.add(String.format(Locale.ROOT, "%sfirst_frame_ms%s	median %.0f	min %.0f	max %.0f	(%d runs,"
                                + " %s%s)", c == 0 ? "hdr_" : "", compare ? " " + mode(modes.get(m)) : "",
                        sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], sorted.length,
                        clips[c].substring(2), c == 0 ? ", goal <= 600" : ""));
                System.out.println(out.get(out.size() - 1));
            }
        }
        for (String mode : modes) {
            System.setProperty(StartBitrate.PROPERTY, mode);
            browser.open(signaling.url());
            browser.execute("viewer(2)");
            Await.until(Duration.ofSeconds(30), "HDR stream decoding", () ->
                    browser.number("return viewers[0].framesDecoded || 0") > 30);
            Thread.sleep(3000);
            String id = browser.text("return viewers[0].id");
            double[][] before = frames(browser, sessions, new String[] {id});
            long cpuBefore = cpuNanos();
            Map<String, Long> threadsBefore = threadJiffies();
            long wallBefore = System.nanoTime();
            Thread.sleep(SAMPLE_SECONDS * 1000L);
            long cpu = cpuNanos() - cpuBefore;
            long wall = System.nanoTime() - wallBefore;
            Map<String, Long> threadsAfter = threadJiffies();
            double[][] after = frames(browser, sessions, new String[] {id});
            double seconds = wall / 1e9;
            Map<String, Object> st = sessions.session(id).map(RtcSession::senderStats).orElse(Map.of());
            out.add(String.format(Locale.ROOT, "hdr_stream%s	peer_cores %.2f (goal <= 0.6)	peer_sent_fps %.1f"
                            + "	decoded_fps %.1f	sent %sx%s at %s kbit/s target", compare ? " " + mode(mode) : "",
                    (double) cpu / wall, (after[0][0] - before[0][0]) / seconds,
                    (after[0][2] - before[0][2]) / seconds, st.getOrDefault("frameWidth", "?"),
                    st.getOrDefault("frameHeight", "?"), st.get("targetBitrate") instanceof Number n
                            ? Math.round(n.doubleValue() / 1000) : "?"));
            System.out.println(out.get(out.size() - 1));
            out.add("  peer threads, cores: " + threadShares(threadsBefore, threadsAfter, wall));
            System.out.println(out.get(out.size() - 1));
            sessions.sessions().forEach(s -> sessions.stop(s.id()));
            Await.until(Duration.ofSeconds(10), "freed", () -> sessions.sessions().isEmpty());
        }
        System.clearProperty(StartBitrate.PROPERTY);
        return out;
    }

    private static String mode(String startBitrate) {
        return startBitrate.equals("false") ? "before" : startBitrate.isEmpty() ? "after" : startBitrate + "kbps";
    }

    /** Per stream: frames encoded by the peer, received, decoded and dropped by Chromium, so far. */
    private static double[][] frames(Browser browser, WebRtcSessions sessions, String[] ids) throws Exception {
        double[][] frames = new double[ids.length][4];
        for (int i = 0; i < ids.length; i++) {
            Map<String, Object> sent = sessions.session(ids[i]).map(RtcSession::senderStats).orElse(Map.of());
            frames[i][0] = sent.get("framesEncoded") instanceof Number n ? n.doubleValue() : Double.NaN;
            frames[i][1] = browser.number("return viewers[" + i + "].framesReceived");
            frames[i][2] = browser.number("return viewers[" + i + "].framesDecoded");
            frames[i][3] = browser.number("return viewers[" + i + "].framesDropped");
        }
        return frames;
    }

    private static double maxDropped(double[][] before, double[][] after, double seconds) {
        double max = 0;
        for (int i = 0; i < before.length; i++) {
            max = Math.max(max, (after[i][3] - before[i][3]) / seconds);
        }
        return max;
    }

    /** CPU jiffies of this JVM's threads (Java and libwebrtc's native ones) by name, digits folded. */
    private static Map<String, Long> threadJiffies() throws Exception {
        Map<String, Long> out = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .replaceAll("[0-9a-f]{6,}|\\d+", "#");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    out.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                } catch (Exception e) {
                    // the thread ended meanwhile
                }
            }
        }
        return out;
    }

    private static String threadShares(Map<String, Long> before, Map<String, Long> after, long wallNanos) {
        StringBuilder s = new StringBuilder();
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .limit(12)
                .forEach(e -> s.append(String.format(Locale.ROOT, "%s %.2f; ", e.getKey(),
                        e.getValue() / 100.0 / (wallNanos / 1e9))));
        return s.toString();
    }

    /** The whole machine's busy and total jiffies (all CPUs) from /proc/stat: everyone's load, not only ours. */
    private static long[] machineJiffies() throws Exception {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < Math.min(f.length, 9); i++) {
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        return new long[] {total - idle, total};
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
