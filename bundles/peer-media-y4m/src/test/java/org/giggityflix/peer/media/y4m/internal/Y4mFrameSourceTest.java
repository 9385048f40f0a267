package org.giggityflix.peer.media.y4m.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

import org.giggityflix.peer.api.media.DecodedFrame.Picture;
import org.giggityflix.peer.api.media.FrameOptions;
import org.giggityflix.peer.api.media.FrameReader;
import org.giggityflix.peer.api.media.NoSuchTrackException;
import org.giggityflix.peer.api.media.TrackChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Y4mFrameSourceTest} is responsible for proving that {@link Y4mFrameSource} streams a .y4m file: every frame
 * in order with its time, I420 chroma from 4:2:0 and 4:4:4 files, seeks, no audio track to choose, and a file
 * truncated while it is read ending with a reason.
 */
class Y4mFrameSourceTest {

    @TempDir
    Path dir;

    private final Y4mFrameSource source = new Y4mFrameSource();

    @Test
    void everyFrameComesOutInOrderWithItsTime() throws IOException {
        Path file = dir.resolve("clip.y4m");
        try (Y4mWriter writer = new Y4mWriter(file, 33, 17, "25:1", "420jpeg")) {
            for (int i = 0; i < 10; i++) {
                writer.frame(i == 4 ? Y4mWriter.Picture.RED : Y4mWriter.Picture.SMOOTH);
            }
        }
        try (FrameReader reader = source.open(file, FrameOptions.withAudio(1))) {
            assertEquals(33, reader.width());
            assertEquals(17, reader.height());
            assertEquals(0.4, reader.durationSeconds(), 1e-9);
            assertTrue(reader.audioTracks().isEmpty() && reader.audioTrack().isEmpty());
            for (int i = 0; i < 10; i++) {
                Picture p = (Picture) reader.next();
                assertEquals(i * 40_000L, p.timestampMicros());
                assertEquals(17, p.strideU());
                assertEquals(i == 4 ? 240 : 128, p.v().get(0) & 0xff);
            }
            assertNull(reader.next());
            reader.seek(0.2);
            assertEquals(200_000L, reader.next().timestampMicros());
        }
    }

    @Test
    void a444FileHasItsChromaAveragedTo420() throws IOException {
        Path file = dir.resolve("444.y4m");
        try (Y4mWriter writer = new Y4mWriter(file, 4, 2, "25:1", "444")) {
            writer.raw("FRAME\n".getBytes());
            writer.raw(new byte[8]); // Y
            writer.raw(new byte[] {10, 20, 30, 40, 50, 60, 70, 80}); // U
            writer.raw(new byte[8]); // V
        }
        try (FrameReader reader = source.open(file, FrameOptions.videoOnly())) {
            Picture p = (Picture) reader.next();
            assertEquals(2, p.strideU());
            assertEquals((10 + 20 + 50 + 60 + 2) / 4, p.u().get(0) & 0xff);
            assertEquals((30 + 40 + 70 + 80 + 2) / 4, p.u().get(1) & 0xff);
        }
    }

    @Test
    void anAudioTrackIsRefusedWithAReason() throws IOException {
        Path file = dir.resolve("clip.y4m");
        Y4mWriter.clip(file, 16, 16, "25:1", 2);
        NoSuchTrackException e = assertThrows(NoSuchTrackException.class,
                () -> source.open(file, new FrameOptions(TrackChoice.language("fra"), Optional.empty(), 1)));
        assertTrue(e.getMessage().contains("no audio track"), e.getMessage());
    }

    @Test
    void aFileTruncatedWhileItIsReadEndsWithAReason() throws IOException {
        Path file = dir.resolve("clip.y4m");
        Y4mWriter.clip(file, 64, 64, "25:1", 20);
        try (FrameReader reader = source.open(file, FrameOptions.videoOnly())) {
            reader.next();
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(channel.size() / 2);
            }
            IOException e = assertThrows(IOException.class, () -> {
                while (reader.next() != null) {
                    // reading on until it breaks
                }
            });
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        }
    }
}
