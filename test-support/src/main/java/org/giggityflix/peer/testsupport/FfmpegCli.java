package org.giggityflix.peer.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code FfmpegCli} is responsible for making test media with the {@code ffmpeg} command (Debian's package, listed
 * in {@code .ci/run}) the way phones, cameras and release groups make it, and for reading a reference picture back
 * through it. A failure throws with ffmpeg's own last lines.
 */
public final class FfmpegCli {

    private FfmpegCli() {
    }

    /** Whether the command is installed (the tests that need it say so when it is not). */
    public static boolean available() {
        try {
            return Commands.run("ffmpeg", "-hide_banner", "-version").exit() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs {@code ffmpeg -hide_banner -loglevel error -y ARGS}; returns what it wrote on stdout. */
    public static byte[] run(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error",
                "-y"));
        command.addAll(List.of(args));
        Path errors = Files.createTempFile("ffmpeg", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("ffmpeg took more than 300 s: " + command);
            }
            if (p.exitValue() != 0) {
                throw new IOException("ffmpeg failed (" + p.exitValue() + "): " + command + "\n"
                        + Files.readString(errors, StandardCharsets.UTF_8));
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running ffmpeg", e);
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    /** The first picture of {@code file} as the command line shows it (autorotated), 8-bit luma, row by row. */
    public static byte[] firstLuma(Path file) throws IOException {
        return run("-i", file.toString(), "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray", "-");
    }

    /** A copy of {@code file} whose video carries a display rotation of {@code degrees} (as a phone writes it). */
    public static Path rotated(Path file, int degrees, Path out) throws IOException {
        // Debian's ffmpeg 5.1 writes a display matrix only on stream copy (NOTES.md).
        run("-i", file.toString(), "-c", "copy", "-metadata:s:v:0", "rotate=" + degrees, out.toString());
        return out;
    }

    /** The first {@code fraction} of {@code file}'s bytes, as a download cut short leaves it. */
    public static Path cut(Path file, double fraction, Path out) throws IOException {
        byte[] all = Files.readAllBytes(file);
        Files.write(out, java.util.Arrays.copyOf(all, (int) (all.length * fraction)));
        return out;
    }
}
