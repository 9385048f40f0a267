package org.giggityflix.peer.media.y4m.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.giggityflix.peer.api.catalog.HdrTransfer;
import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.giggityflix.peer.api.catalog.MediaStream;
import org.giggityflix.peer.api.catalog.StreamKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Y4mMediaProbeTest} is responsible for proving the probe reports what a generated clip holds (size, frame
 * rate, duration from the frame count, container and codec), and names the problem with broken files.
 */
class Y4mMediaProbeTest {

    @TempDir
    Path dir;
    private final Y4mMediaProbe probe = new Y4mMediaProbe();

    @Test
    void reportsWhatTheClipHolds() throws IOException {
        Path clip = dir.resolve("clip.y4m");
        Y4mWriter.clip(clip, 64, 48, "25:1", 50);

        MediaMetadata metadata = probe.probe(clip);

        assertEquals(2.0, metadata.durationSeconds(), 1e-9);
        assertEquals(64, metadata.width());
        assertEquals(48, metadata.height());
        assertEquals(25.0, metadata.frameRate(), 1e-9);
        assertEquals("yuv4mpegpipe", metadata.container());
        assertEquals("rawvideo", metadata.videoCodec());
        assertNull(metadata.audioCodec());
        assertEquals(Math.round(Files.size(clip) * 8 / 2.0), metadata.bitrate());
        assertEquals(1, metadata.streams().size());
        MediaStream video = metadata.streams().get(0);
        assertEquals(StreamKind.VIDEO, video.kind());
        assertEquals(64, video.width());
        assertEquals(48, video.codedHeight());
        assertEquals(0, video.rotation());
        assertEquals("yuv420p", video.pixelFormat());
        assertEquals(8, video.bitDepth());
        assertEquals(HdrTransfer.SDR, video.hdr());
        assertEquals(video, metadata.mainVideo().orElseThrow());
    }

    @Test
    void ntscRatesOddSizesAndOtherColourSpacesAreRead() throws IOException {
        Path clip = dir.resolve("ntsc.y4m");
        Y4mWriter.clip(clip, 33, 17, "30000:1001", 30);
        MediaMetadata metadata = probe.probe(clip);
        assertEquals(29.97, metadata.frameRate(), 0.001);
        assertEquals(30 * 1001 / 30000.0, metadata.durationSeconds(), 1e-9);

        Path mono = dir.resolve("mono.y4m");
        try (Y4mWriter writer = new Y4mWriter(mono, 16, 16, "10:1", "mono")) {
            for (int i = 0; i < 5; i++) {
                writer.raw("FRAME\n".getBytes());
                writer.raw(new byte[16 * 16]);
            }
        }
        assertEquals(0.5, probe.probe(mono).durationSeconds(), 1e-9);
    }

    @Test
    void aTruncatedFileCountsOnlyWholeFrames() throws IOException {
        Path clip = dir.resolve("cut.y4m");
        Y4mWriter.clip(clip, 64, 48, "10:1", 20);
        try (FileChannel channel = FileChannel.open(clip, StandardOpenOption.WRITE)) {
            channel.truncate(Files.size(clip) - 100);
        }

        assertEquals(1.9, probe.probe(clip).durationSeconds(), 1e-9);
    }

    @Test
    void aHeaderOnlyFileHasZeroDuration() throws IOException {
        Path clip = dir.resolve("empty.y4m");
        Y4mWriter.clip(clip, 64, 48, "25:1", 0);

        MediaMetadata metadata = probe.probe(clip);

        assertEquals(0.0, metadata.durationSeconds());
        assertNull(metadata.bitrate());
    }

    @Test
    void filesThatAreNotYuv4mpeg2AreRefusedWithAReason() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.y4m"), "just some text, renamed\n");
        IOException notY4m = assertThrows(IOException.class, () -> probe.probe(text));
        assertTrue(notY4m.getMessage().contains("not a YUV4MPEG2 file"), notY4m.getMessage());

        Path noRate = Files.writeString(dir.resolve("norate.y4m"), "YUV4MPEG2 W64 H48\nFRAME\n");
        assertTrue(assertThrows(IOException.class, () -> probe.probe(noRate)).getMessage().contains("frame rate"));

        Path deep = Files.writeString(dir.resolve("deep.y4m"), "YUV4MPEG2 W64 H48 F25:1 C420p10\nFRAME\n");
        assertTrue(assertThrows(IOException.class, () -> probe.probe(deep)).getMessage().contains("8 bits"));

        Path huge = Files.writeString(dir.resolve("huge.y4m"), "YUV4MPEG2 W99999 H48 F25:1\n");
        assertTrue(assertThrows(IOException.class, () -> probe.probe(huge)).getMessage().contains("picture size"));

        assertThrows(IOException.class, () -> probe.probe(dir.resolve("missing.y4m")));
    }
}
