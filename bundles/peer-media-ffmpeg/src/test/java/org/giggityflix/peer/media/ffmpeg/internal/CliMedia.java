package org.giggityflix.peer.media.ffmpeg.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code CliMedia} is responsible for making test files the way phones, cameras and release groups make them, with
 * the {@code ffmpeg} command (Debian's 5.1, installed by {@code .ci/run}): encoders the in-process LGPL build lacks
 * (libx265, libvpx-vp9, SVT-AV1, x264), several tracks with languages and titles, subtitles, display rotation.
 * Also the byte-level edits no encoder makes on request: an odd display matrix, an unknown subtitle codec.
 */
final class CliMedia {

    /** A short test picture at phone-ish proportions, small to keep the tests fast. */
    static final String PICTURE = "testsrc=size=320x180:rate=30:duration=0.4";

    private CliMedia() {
    }

    /** Runs {@code ffmpeg -y -v error <args>}; fails with ffmpeg's own message. */
    static Path ffmpeg(Path output, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-y", "-v", "error"));
        command.addAll(List.of(args));
        command.add(output.toString());
        Path log = Files.createTempFile(output.getParent(), "ffmpeg", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("ffmpeg did not finish within 180 s: " + command);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making " + output, e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("ffmpeg failed (" + process.exitValue() + "): " + command + "\n"
                    + Files.readString(log));
        }
        return output;
    }

    /** A text file, e.g. an SRT subtitle to mux. */
    static Path text(Path file, String content) throws IOException {
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /** Two cues of SubRip. */
    static Path srt(Path file) throws IOException {
        return text(file, "1\n00:00:00,000 --> 00:00:00,200\nHello\n\n2\n00:00:00,200 --> 00:00:00,400\nWorld\n\n");
    }

    /**
     * Overwrites the display matrix of the {@code track}-th track header ({@code tkhd}, 0 for the first) of an MP4 or
     * QuickTime file with a rotation of {@code clockwiseDegrees}, mirrored left to right when {@code mirrored}:
     * any angle, which no ffmpeg 5.1 option writes.
     */
    static Path displayMatrix(Path file, int track, double clockwiseDegrees, boolean mirrored) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int at = -1;
        for (int found = -1; found < track; found++) {
            at = indexOf(bytes, "tkhd".getBytes(StandardCharsets.US_ASCII), at + 1);
            if (at < 0) {
                throw new IOException("no track header " + track + " in " + file);
            }
        }
        int version = bytes[at + 4];
        int matrix = at + 4 + (version == 1 ? 52 : 40);
        double radians = Math.toRadians(clockwiseDegrees);
        double a = Math.cos(radians);
        double b = Math.sin(radians);
        double c = -Math.sin(radians);
        double d = Math.cos(radians);
        if (mirrored) { // FFmpeg's av_display_matrix_flip: the first column negated
            a = -a;
            c = -c;
        }
        int[] values = {fixed16(a), fixed16(b), 0, fixed16(c), fixed16(d), 0, 0, 0, 1 << 30};
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.seek(matrix);
            for (int value : values) {
                out.writeInt(value);
            }
        }
        return file;
    }

    /** Replaces the first occurrence of {@code from} by {@code to} (same length) in the file's bytes. */
    static Path replaceBytes(Path file, String from, String to) throws IOException {
        if (from.length() != to.length()) {
            throw new IllegalArgumentException("a replacement must keep the length");
        }
        byte[] bytes = Files.readAllBytes(file);
        int at = indexOf(bytes, from.getBytes(StandardCharsets.US_ASCII), 0);
        if (at < 0) {
            throw new IOException("'" + from + "' not found in " + file);
        }
        byte[] replacement = to.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(replacement, 0, bytes, at, replacement.length);
        return Files.write(file, bytes);
    }

    private static int fixed16(double value) {
        return (int) Math.round(value * 65536);
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
