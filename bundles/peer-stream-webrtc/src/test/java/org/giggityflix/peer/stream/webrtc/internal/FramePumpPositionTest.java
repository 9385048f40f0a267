package org.giggityflix.peer.stream.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

import org.giggityflix.peer.api.media.DecodedFrame;
import org.giggityflix.peer.api.media.FrameOptions;
import org.giggityflix.peer.api.media.FrameReader;
import org.giggityflix.peer.api.media.SubtitleCue;
import org.giggityflix.peer.api.media.TrackChoice;
import org.giggityflix.peer.testsupport.Await;
import org.junit.jupiter.api.Test;

/**
 * Proves that the position a pump reports for the viewer's status is where the stream is at that instant: between
 * two pictures it moves on from the last one at real time (at most {@link FramePump#MAX_LAG_NANOS} past it), so a
 * status sent a while after a picture (the session reads libwebrtc's statistics first) still matches the pictures
 * on their way; paused, it is the last picture's. The viewer's page times subtitle cues with it.
 */
class FramePumpPositionTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void betweenPicturesThePositionMovesOnAtRealTimeAndStopsWhenPaused() throws Exception {
        SlowReader reader = new SlowReader();
        FramePump pump = new FramePump(Path.of("slides.mkv"), (file, options) -> reader, FrameOptions.videoOnly(),
                new QuietSink(), "position");
        try {
            pump.start();
            assertNull(pump.awaitOpen(5_000));
            assertEquals(0.0, pump.positionSecondsNow(), "not connected yet: where it starts");
            pump.begin();
            Await.until(WAIT, "the first picture sent", () -> reader.reads() >= 2);
            Await.until(WAIT, "the position moving on after the first picture", () -> pump.positionSecondsNow() > 0.1);
            double now = pump.positionSecondsNow();
            assertEquals(0.0, pump.positionSeconds(), "the last picture sent is still the first");
            assertTrue(now <= FramePump.MAX_LAG_NANOS / 1e9 + 1e-6, "at most the lag bound past it: " + now);
            pump.pause();
            Await.until(WAIT, "paused: the last picture's position", () -> pump.positionSecondsNow() == 0.0);
        } finally {
            pump.stop();
        }
    }

    /** Pictures 30 s apart, so the test looks between two of them. */
    private static final class SlowReader implements FrameReader {
        private final ByteBuffer plane = ByteBuffer.allocateDirect(16 * 16);
        private final ByteBuffer chroma = ByteBuffer.allocateDirect(8 * 8);
        private volatile int reads;

        int reads() {
            return reads;
        }

        @Override
        public DecodedFrame next() {
            long micros = reads * 30_000_000L;
            reads++;
            return new DecodedFrame.Picture(micros, 16, 16, plane.duplicate(), 16, chroma.duplicate(), 8,
                    chroma.duplicate(), 8);
        }

        @Override
        public void seek(double seconds) {
        }

        @Override
        public int width() {
            return 16;
        }

        @Override
        public int height() {
            return 16;
        }

        @Override
        public double durationSeconds() {
            return 600;
        }

        @Override
        public List<Track> audioTracks() {
            return List.of();
        }

        @Override
        public OptionalInt audioTrack() {
            return OptionalInt.empty();
        }

        @Override
        public void selectAudioTrack(TrackChoice choice) {
        }

        @Override
        public void close() {
        }
    }

    private static final class QuietSink implements FramePump.Sink {
        @Override
        public void picture(int width, int height, ByteBuffer y, int strideY, ByteBuffer u, int strideU,
                            ByteBuffer v, int strideV, long dueNanos) {
        }

        @Override
        public void sound(byte[] chunk) {
        }

        @Override
        public void progress(FramePump pump) {
        }

        @Override
        public void failed(String reason) {
        }

        @Override
        public void refused(String about, String reason) {
        }

        @Override
        public void subtitles(int track, String mode) {
        }

        @Override
        public void cue(int track, SubtitleCue cue) {
        }
    }
}
