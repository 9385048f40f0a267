package org.giggityflix.peer.media.ffmpeg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * screenshots of {@code bench.media}/long-1080p.mp4 versus 10 {@code ffmpeg -ss T -i f -frames:v 1} runs, with this
 * JVM's peak RSS during the capture.
 *
 * <p>Not part of the default test run: {@code bench/media.sh} generates the media with the ffmpeg CLI and runs
 * {@code mvn -q -o -f bundles/peer-media-ffmpeg/pom.xml test -Dtest=MediaBenchmarkTest -Dbenchmark=true
 * -Dbench.media=DIR}.
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

    @Test
    void sharpestFrameScreenshotsVersusFfmpegCli() throws Exception {
        Path file = media.resolve("long-1080p.mp4");
        assertTrue(Files.isRegularFile(file), "missing " + file);
        double duration = new FfmpegMediaProbe().probe(file).durationSeconds();
        List<Double> positions = ScreenshotService.positions(duration, 10);
        FfmpegThumbnailProvider provider = new FfmpegThumbnailProvider(CaptureSettings.DEFAULTS);
        // Natives loaded and the decoder warmed on another position, as in a running peer.
        provider.capture(file, List.of(1.0));

        resetPeakRss();
        double cpuBefore = ownCpuSeconds();
        long start = System.nanoTime();
        List<Thumbnail> thumbnails = provider.capture(file, positions);
        double inProcess = (System.nanoTime() - start) / 1e9;
        double inProcessCpu = ownCpuSeconds() - cpuBefore;
        long peakRssKb = peakRssKb();
        assertEquals(10, thumbnails.size());

        Path out = Files.createTempDirectory("bench-shots");
        double childrenBefore = childrenCpuSeconds();
        start = System.nanoTime();
        for (int i = 0; i < positions.size(); i++) {
            run("ffmpeg", "-v", "error", "-ss", String.format(Locale.ROOT, "%.3f", positions.get(i)), "-i",
                    file.toString(), "-frames:v", "1", "-y", out.resolve(i + ".jpg").toString());
        }
        double cli = (System.nanoTime() - start) / 1e9;
        double cliCpu = childrenCpuSeconds() - childrenBefore;

        // Where the time goes: the same capture with a one-frame window (seek + decode to the position, like the
        // CLI, without choosing among ±1 s of frames).
        FfmpegThumbnailProvider oneFrame = new FfmpegThumbnailProvider(new CaptureSettings(0.9f, 0, 0.04));
        start = System.nanoTime();
        oneFrame.capture(file, positions);
        double seekOnly = (System.nanoTime() - start) / 1e9;

        System.out.printf(Locale.ROOT, "%n[media bench] 10 screenshots of %s (%.0f s): in-process sharpest-frame"
                        + " (±1 s windows) %.2f s, ffmpeg -ss T -frames:v 1 x10 %.2f s: ratio %.2fx of the CLI's time"
                        + " (goal <= 1.0x); peak RSS during capture %d MB (heap max %d MB)%n",
                file.getFileName(), duration, inProcess, cli, inProcess / cli, peakRssKb / 1024,
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
        System.out.printf(Locale.ROOT, "[media bench] same positions, one-frame window (seek + decode only): %.2f s,"
                + " ratio %.2fx of the CLI's time; chosen frames (s): %s%n", seekOnly, seekOnly / cli,
                thumbnails.stream().map(t -> String.format(Locale.ROOT, "%.2f", t.positionSeconds())).toList());
        System.out.printf(Locale.ROOT, "[media bench] CPU time (less sensitive to a busy machine): in-process %.2f s,"
                + " ffmpeg processes %.2f s: ratio %.2fx%n", inProcessCpu, cliCpu, inProcessCpu / cliCpu);
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
