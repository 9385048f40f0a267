package org.giggityflix.peer.media.ffmpeg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code LibavConsoleTest} is responsible for proving what a person running the peer in the foreground sees when
 * FFmpeg meets broken files: FFmpeg's own lines never reach the console (the process's stderr), they reach slf4j
 * instead, also when FFmpeg's own decoder threads log them. FFmpeg writes to file descriptor 2 from native code, so
 * each case runs {@link LibavLogChild} in a JVM of its own and reads that process's stdout and stderr.
 */
class LibavConsoleTest {

    private static final String LIBAV_LOGGER = FfmpegConstants.LIBAV_LOGGER;

    @TempDir
    static Path dir;

    private static Path truncated;
    private static Path damaged;
    private static Path good;

    @BeforeAll
    static void generate() throws IOException {
        good = TestMedia.video(dir.resolve("good.mp4"), "mp4", TestMedia.H264, 3 * TestMedia.FPS, true,
                TestMedia::soft);
        byte[] whole = Files.readAllBytes(good);
        truncated = Files.write(dir.resolve("truncated.mp4"), Arrays.copyOf(whole, whole.length / 2));
        // Bytes overwritten in the middle: it still opens, and the decoder complains about damaged macroblocks.
        Path clean = TestMedia.video(dir.resolve("clean.mkv"), "matroska", TestMedia.MPEG4, 3 * TestMedia.FPS,
                false, TestMedia::soft);
        byte[] bytes = Files.readAllBytes(clean);
        Random random = new Random(1);
        for (int i = bytes.length / 4; i < bytes.length * 3 / 4; i += 97) {
            bytes[i] = (byte) random.nextInt();
        }
        damaged = Files.write(dir.resolve("damaged.mkv"), bytes);
    }

    @Test
    void withoutTheRouteFfmpegWritesItsLinesToTheConsole() throws Exception {
        Run run = run("default", "debug");

        // The control: FFmpeg's own callback at error level or more (as before the route) writes to the console.
        assertTrue(run.stderr.contains("moov atom not found"), run.stderr);
        assertTrue(run.stderr.contains("[mpeg4 @ 0x"), run.stderr);
    }

    @Test
    void routedTheConsoleShowsNoLibavLineAndDebugHasThem() throws Exception {
        Run run = run("routed", "debug");

        assertEquals("", run.stderr, "nothing on the console");
        List<String> libav = run.stdoutLines(" DEBUG " + LIBAV_LOGGER + " - libav error: ");
        assertTrue(libav.stream().anyMatch(line -> line.endsWith("] moov atom not found")), run.stdout);
        // The decoder's complaints come from FFmpeg's own frame threads, attached to the JVM by JavaCPP.
        assertTrue(libav.stream().anyMatch(line -> line.contains("[mpeg4 @ 0x")
                && line.startsWith("[JavaCPP Thread")), run.stdout);
        assertTrue(run.stdout.contains("PEER captured " + damaged), run.stdout);
        assertTrue(run.stdout.contains("PEER captured " + good), run.stdout);
    }

    @Test
    void forAnOwnerWithDefaultLevelsOnlyThePeersOwnMessageIsLeft() throws Exception {
        Run run = run("routed", "info");

        assertEquals("", run.stderr, "nothing on the console");
        assertFalse(run.stdout.contains("libav"), run.stdout);
        assertTrue(run.stdout.contains("PEER probe failed: not a media file FFmpeg can read: " + truncated
                + " (Invalid data found when processing input; not audio/video, or truncated or damaged)"), run.stdout);
    }

    /** {@code Run} is responsible for what one child JVM wrote: stdout (slf4j) and stderr (the console). */
    private record Run(String stdout, String stderr) {
        List<String> stdoutLines(String containing) {
            return stdout.lines().filter(line -> line.contains(containing)).toList();
        }
    }

    /** Runs {@link LibavLogChild} on the three files, its libav logger at {@code level}; slf4j-simple to stdout. */
    private static Run run(String mode, String level) throws IOException, InterruptedException {
        Path out = dir.resolve(mode + "-" + level + ".out");
        Path err = dir.resolve(mode + "-" + level + ".err");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.logFile=System.out",
                "-Dorg.slf4j.simpleLogger.showThreadName=true",
                "-Dorg.slf4j.simpleLogger.log." + LIBAV_LOGGER + "=" + level,
                "-cp", System.getProperty("java.class.path"),
                LibavLogChild.class.getName(), mode,
                truncated.toString(), damaged.toString(), good.toString()));
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the child JVM did not finish: " + Files.readString(out));
        }
        Run run = new Run(Files.readString(out), Files.readString(err));
        assertEquals(0, process.exitValue(), "child JVM exit; stderr: " + run.stderr);
        assertTrue(run.stdout.contains("PEER done"), run.stdout);
        return run;
    }
}
