package org.giggityflix.peer.media.ffmpeg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.giggityflix.peer.api.media.ScreenshotService;
import org.giggityflix.peer.api.media.Thumbnail;
import org.giggityflix.peer.media.common.CaptureSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@code MediaBenchmarkTest} is responsible for the media benchmark of issue 6, printing ratios from one run: probing
 * the files of {@code bench.media}/probe in-process versus one {@code ffprobe} per file, and 10 sharpest-frame
 * screenshots of {@code bench.media}/long-1080p.mp4 versus 10 {@code ffmpeg -ss T -i f -frames:v 1} runs (both warm,
 * five alternated rounds, median ratios of wall-clock and CPU time), with this JVM's peak RSS during the captures.
 *
 * <p>Not part of any build's tests (it lives in bench/): {@code bench/media.sh} generates the media with the ffmpeg
 * CLI and runs it in bench/ with {@code -Dtest=MediaBenchmarkTest -Dbenchmark=true -Dbench.media=DIR}
 * ({@code bench/bench-tests.sh}).
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class MediaBenchmarkTest {

    private final Path media = Path.of(System.getProperty("bench.media", "/tmp/giggityflix-bench-media"));

    @Test
    void probeInProcessVersusFfprobe() throws Exception {
        List<Path> files;
        try (Stream<Path> listing = Files.list(media.resolve("probe"))) {
            files = listing.filter(Files::isRegularFile).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no files in " + media.resolve("probe"));
        FfmpegMediaProbe probe = new FfmpegMediaProbe();

        long coldStart = System.nanoTime();
        probe.probe(files.get(0));
        double coldMillis = (System.nanoTime() - coldStart) / 1e6;

        long start = System.nanoTime();
        for (Path file : files) {
            probe.probe(file);
        }
        double inProcess = (System.nanoTime() - start) / 1e9;

        start = System.nanoTime();
        for (Path file : files) {
            run("ffprobe", "-v", "error", "-show_format", "-show_streams", "-of", "json", file.toString());
        }
        double cli = (System.nanoTime() - start) / 1e9;

        System.out.printf(Locale.ROOT, "%n[media bench] probe %d files: in-process %.2f s (%.1f ms/file; first probe"
                        + " in this test %.0f ms), ffprobe %.2f s (%.1f ms/file): %.1fx faster"
                        + " (goal >= 3x)%n",
                files.size(), inProcess, inProcess * 1000 / files.size(), coldMillis, cli, cli * 1000 / files.size(),
                cli / inProcess);
    }

    /** Probes of the 10-stream file per side and round; rounds alternate the two sides. */
    private static final int STREAM_PROBES = 40;

    /**
     * Issue 12: the stream inventory of one file with 10 streams (1 video, 6 audio, 3 subtitles), in-process versus
     * {@code ffprobe -show_streams} each time (goal: at least 3x faster), warm on both sides, three alternated rounds.
     */
    @Test
    void probeTenStreamFileVersusFfprobe() throws Exception {
        Path file = media.resolve("ten-streams.mkv");
        assertTrue(Files.isRegularFile(file), "missing " + file);
        FfmpegMediaProbe probe = new FfmpegMediaProbe();
        assertEquals(10, probe.probe(file).streams().size(), "the benchmark file's streams");
        run("ffprobe", "-v", "error", "-show_streams", "-of", "json", file.toString());
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= 3; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < STREAM_PROBES; i++) {
                probe.probe(file);
            }
            double inProcess = (System.nanoTime() - start) / 1e9 / STREAM_PROBES;
            start = System.nanoTime();
            for (int i = 0; i < STREAM_PROBES; i++) {
                run("ffprobe", "-v", "error", "-show_streams", "-of", "json", file.toString());
            }
            double cli = (System.nanoTime() - start) / 1e9 / STREAM_PROBES;
            ratios.add(cli / inProcess);
            System.out.printf(Locale.ROOT, "%n[media bench] 10-stream probe, round %d: in-process %.2f ms, ffprobe"
                    + " -show_streams %.2f ms: %.1fx faster", round, inProcess * 1000, cli * 1000, cli / inProcess);
        }
        System.out.printf(Locale.ROOT, "%n[media bench] 10-stream file (1 video, 6 audio, 3 subtitles), %d probes a"
                        + " side per round: median %.1fx faster in-process than ffprobe -show_streams (goal >= 3x);"
                        + " rounds %s; load average %s%n",
                STREAM_PROBES, median(ratios), format(ratios), loadAverage());
    }

    /** Rounds of (in-process capture, 10 CLI runs), alternated so that a change in the machine's load hits both. */
    private static final int ROUNDS = 5;

    @Test
    void sharpestFrameScreenshotsVersusFfmpegCli() throws Exception {
        Path file = media.resolve("long-1080p.mp4");
        assertTrue(Files.isRegularFile(file), "missing " + file);
        double duration = new FfmpegMediaProbe().probe(file).durationSeconds();
        List<Double> positions = ScreenshotService.positions(duration, 10);
        FfmpegThumbnailProvider provider = new FfmpegThumbnailProvider(CaptureSettings.DEFAULTS);
        Path out = Files.createTempDirectory("bench-shots");
        // Warm to warm. In-process, as in a running peer that has taken screenshots before: natives loaded, the
        // capture code compiled, by one capture of 9 other positions of the same file. CLI: one run first, so the
        // ffmpeg binary and its libraries are in the page cache. The file itself is in the page cache for both.
        provider.capture(file, ScreenshotService.positions(duration, 9));
        cli(file, List.of(duration / 3), out);

        resetPeakRss();
        List<Double> ratios = new ArrayList<>();
        List<Double> cpuRatios = new ArrayList<>();
        List<Thumbnail> thumbnails = List.of();
        for (int round = 1; round <= ROUNDS; round++) {
            double cpuBefore = ownCpuSeconds();
            long start = System.nanoTime();
            thumbnails = provider.capture(file, positions);
            double inProcess = (System.nanoTime() - start) / 1e9;
            double inProcessCpu = ownCpuSeconds() - cpuBefore;
            assertEquals(10, thumbnails.size());

            double childrenBefore = childrenCpuSeconds();
            start = System.nanoTime();
            cli(file, positions, out);
            double cli = (System.nanoTime() - start) / 1e9;
            double cliCpu = childrenCpuSeconds() - childrenBefore;
            ratios.add(inProcess / cli);
            cpuRatios.add(inProcessCpu / cliCpu);
            System.out.printf(Locale.ROOT, "%n[media bench] 10 screenshots, round %d: in-process sharpest-frame (±1 s"
                            + " windows) %.2f s, ffmpeg -ss T -frames:v 1 x10 %.2f s: ratio %.2fx; CPU %.2f s vs %.2f s:"
                            + " ratio %.2fx", round, inProcess, cli, inProcess / cli, inProcessCpu, cliCpu,
                    inProcessCpu / cliCpu);
        }
        long peakRssKb = peakRssKb();
        System.out.printf(Locale.ROOT, "%n[media bench] 10 screenshots of %s (%.0f s), warm in-process vs warm CLI,"
                        + " %d alternated rounds: median ratio %.2fx of the CLI's time (goal <= 1.0x; rounds %s);"
                        + " median CPU-time ratio %.2fx; peak RSS during capture %d MB (heap max %d MB); load average"
                        + " %s; chosen frames (s): %s%n",
                file.getFileName(), duration, ROUNDS, median(ratios), format(ratios), median(cpuRatios),
                peakRssKb / 1024, Runtime.getRuntime().maxMemory() / (1024 * 1024), loadAverage(),
                format(thumbnails.stream().map(Thumbnail::positionSeconds).toList()));
        provider.deactivate();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static List<String> format(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList();
    }

    /** One {@code ffmpeg -ss T -i f -frames:v 1} run per position, one after the other. */
    private static void cli(Path file, List<Double> positions, Path out) throws IOException, InterruptedException {
        for (int i = 0; i < positions.size(); i++) {
            run("ffmpeg", "-v", "error", "-ss", String.format(Locale.ROOT, "%.3f", positions.get(i)), "-i",
                    file.toString(), "-frames:v", "1", "-y", out.resolve(i + ".jpg").toString());
        }
    }

    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + exit);
        }
    }

    /** User + system CPU seconds of this JVM ({@code /proc/self/stat} fields 14 and 15, in clock ticks). */
    private static double ownCpuSeconds() throws IOException {
        return statTicks(14) / 100.0;
    }

    /** User + system CPU seconds of the children this JVM has waited for (fields 16 and 17). */
    private static double childrenCpuSeconds() throws IOException {
        return statTicks(16) / 100.0;
    }

    /** Sum of the tick counters at 1-based fields {@code field} and {@code field + 1} of /proc/self/stat (100 Hz). */
    private static long statTicks(int field) throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        // After "pid (name) " the first value is field 3.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[field - 3]) + Long.parseLong(fields[field - 2]);
    }

    /** Linux: writing 5 to clear_refs resets VmHWM, so the next reading is the peak of what follows. */
    private static void resetPeakRss() throws IOException {
        Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    }

    private static long peakRssKb() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/self/status"));
        return lines.stream().filter(l -> l.startsWith("VmHWM:"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(-1L);
    }
}
