package org.giggityflix.peer.media.ffmpeg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code FfmpegMediaProbeTest} is responsible for proving that the probe reports exactly what was generated, and
 * that broken inputs fail with a reason a person understands.
 */
class FfmpegMediaProbeTest {

    private static final double ONE_FRAME = 1.0 / TestMedia.FPS;

    @TempDir
    static Path dir;

    private static Path h264WithAudio;
    private static Path mpeg4Silent;

    private final FfmpegMediaProbe probe = new FfmpegMediaProbe();

    @BeforeAll
    static void generate() throws IOException {
        h264WithAudio = TestMedia.video(dir.resolve("h264-aac.mp4"), "mp4", TestMedia.H264, 4 * TestMedia.FPS,
                true, TestMedia::soft);
        mpeg4Silent = TestMedia.video(dir.resolve("mpeg4.mkv"), "matroska", TestMedia.MPEG4, 4 * TestMedia.FPS,
                false, TestMedia::soft);
    }

    @Test
    void readsH264AndAacInMp4() throws IOException {
        MediaMetadata metadata = probe.probe(h264WithAudio);

        assertEquals(320, metadata.width());
        assertEquals(240, metadata.height());
        assertEquals(25.0, metadata.frameRate(), 0.01);
        assertEquals(4.0, metadata.durationSeconds(), ONE_FRAME);
        assertEquals("h264", metadata.videoCodec());
        assertEquals("aac", metadata.audioCodec());
        assertEquals("mp4", metadata.container());
        assertTrue(metadata.bitrate() > 0, "bitrate " + metadata.bitrate());
    }

    @Test
    void readsMpeg4WithoutAudioInMatroska() throws IOException {
        MediaMetadata metadata = probe.probe(mpeg4Silent);

        assertEquals(320, metadata.width());
        assertEquals(240, metadata.height());
        assertEquals(25.0, metadata.frameRate(), 0.01);
        assertEquals(4.0, metadata.durationSeconds(), ONE_FRAME);
        assertEquals("mpeg4", metadata.videoCodec());
        assertNull(metadata.audioCodec());
        assertEquals("matroska", metadata.container());
        assertTrue(metadata.bitrate() > 0, "bitrate " + metadata.bitrate());
    }

    @Test
    void audioOnlyFileHasNoPictureFields() throws IOException {
        Path audio = TestMedia.audioOnly(dir.resolve("tone.mp4"), "mp4", 2);

        MediaMetadata metadata = probe.probe(audio);

        assertNull(metadata.width());
        assertNull(metadata.height());
        assertNull(metadata.videoCodec());
        assertNull(metadata.frameRate());
        assertEquals("aac", metadata.audioCodec());
        assertEquals(2.0, metadata.durationSeconds(), 0.05);
    }

    @Test
    void truncatedMp4FailsWithReason() throws IOException {
        byte[] whole = Files.readAllBytes(h264WithAudio);
        Path truncated = Files.write(dir.resolve("truncated.mp4"), Arrays.copyOf(whole, whole.length / 2));

        IOException error = assertThrows(IOException.class, () -> probe.probe(truncated));

        assertTrue(error.getMessage().contains("not a media file FFmpeg can read"), error.getMessage());
        assertTrue(error.getMessage().contains("truncated"), error.getMessage());
        assertTrue(error.getMessage().contains(truncated.toString()), error.getMessage());
    }

    @Test
    void textFileRenamedMkvFailsWithReason() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.mkv"), "Shopping list:\n- milk\n- eggs\n".repeat(50));

        IOException error = assertThrows(IOException.class, () -> probe.probe(text));

        assertTrue(error.getMessage().startsWith("not a media file FFmpeg can read: " + text), error.getMessage());
    }

    @Test
    void randomBytesNamedM4vFailWithReason() throws IOException {
        // FFmpeg's raw MPEG-4 demuxer takes any bytes named .m4v for a video stream (with no picture size).
        byte[] bytes = new byte[5000];
        new java.util.Random(42).nextBytes(bytes);
        Path noise = Files.write(dir.resolve("noise.m4v"), bytes);

        IOException error = assertThrows(IOException.class, () -> probe.probe(noise));

        assertTrue(error.getMessage().contains("FFmpeg found no picture size"), error.getMessage());
    }

    @Test
    void zeroDurationFilesFailWithReason() throws IOException {
        Path noFramesMkv = TestMedia.video(dir.resolve("zero.mkv"), "matroska", TestMedia.MPEG4, 0, false,
                TestMedia::soft);
        Path noFramesMp4 = TestMedia.video(dir.resolve("zero.mp4"), "mp4", TestMedia.MPEG4, 0, false,
                TestMedia::soft);

        IOException mkv = assertThrows(IOException.class, () -> probe.probe(noFramesMkv));
        IOException mp4 = assertThrows(IOException.class, () -> probe.probe(noFramesMp4));

        assertTrue(mkv.getMessage().startsWith("not a media file FFmpeg can read: " + noFramesMkv),
                mkv.getMessage());
        assertTrue(mp4.getMessage().startsWith("no audio or video stream FFmpeg can read in " + noFramesMp4),
                mp4.getMessage());
    }

    @Test
    void singleFrameFileHasTheLengthOfOneFrame() throws IOException {
        Path still = TestMedia.video(dir.resolve("still.mkv"), "matroska", TestMedia.MPEG4, 1, false,
                TestMedia::soft);

        MediaMetadata metadata = probe.probe(still);

        assertEquals(ONE_FRAME, metadata.durationSeconds(), ONE_FRAME);
        assertEquals(320, metadata.width());
    }

    @Test
    void emptyFileFailsWithReason() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.mp4"));

        IOException error = assertThrows(IOException.class, () -> probe.probe(empty));

        assertTrue(error.getMessage().contains("empty file"), error.getMessage());
    }

    @Test
    void missingFileIsReportedAsGone() {
        assertThrows(NoSuchFileException.class, () -> probe.probe(dir.resolve("gone.mkv")));
    }

    @Test
    void handlesTheCommonVideoExtensions() {
        assertTrue(probe.extensions().containsAll(java.util.Set.of(".mp4", ".mkv", ".avi", ".mov", ".webm", ".ts")));
    }
}
