package org.giggityflix.peer.stream.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;

import org.giggityflix.peer.api.media.DecodedFrame;
import org.giggityflix.peer.api.media.FrameOptions;
import org.giggityflix.peer.api.media.FrameReader;
import org.giggityflix.peer.api.media.SubtitleCue;
import org.giggityflix.peer.api.media.TrackChoice;
import org.giggityflix.peer.testsupport.Await;
import org.junit.jupiter.api.Test;

/**
 * Proves that a pump decodes the file's first picture (and the sound before it) while its viewer is still connecting,
 * and hands exactly those frames out first once connected: the first picture's decoding and the reader's set-up for
 * it (1080p HDR: 130-550 ms on a loaded 2-core machine) are no longer between "connected" and the first picture
 * sent. The reader here reuses its picture memory at every call, as FFmpeg's does, so a pump that read on past the
 * held picture would send the wrong one. A seek before the viewer connects drops what was read ahead; a file that
 * breaks off at once still fails only once the viewer is there.
 */
class FramePumpReadAheadTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void theFirstPictureIsDecodedBeforeTheViewerConnectsAndSentFirst() throws Exception {
        CountingReader reader = new CountingReader(0);
        RecordingSink sink = new RecordingSink();
        FramePump pump = new FramePump(Path.of("film.mkv"), (file, options) -> reader, FrameOptions.withAudio(1), sink,
                "read-ahead");
        try {
            pump.start();
            assertNull(pump.awaitOpen(5_000));
            Await.until(WAIT, "the sound and the first picture read before the viewer connects",
                    () -> reader.reads() >= 2);
            assertEquals(2, reader.reads(), "read up to the first picture and no further");
            assertTrue(sink.pictures.isEmpty() && sink.sounds.isEmpty(), "nothing sent before the viewer connects");

            pump.begin();
            Await.until(WAIT, "pictures sent", () -> sink.pictures.size() >= 3);
            assertEquals(List.of(0, 1, 2), sink.pictures.subList(0, 3), "the held first picture, then the next ones");
            assertEquals(0, sink.sounds.get(0), "the sound read ahead of it went out too");
        } finally {
            pump.stop();
        }
    }

    @Test
    void aSeekBeforeTheViewerConnectsDropsWhatWasReadAhead() throws Exception {
        CountingReader reader = new CountingReader(0);
        RecordingSink sink = new RecordingSink();
        FramePump pump = new FramePump(Path.of("film.mkv"), (file, options) -> reader, FrameOptions.withAudio(1), sink,
                "read-ahead-seek");
        try {
            pump.start();
            assertNull(pump.awaitOpen(5_000));
            Await.until(WAIT, "the first picture read ahead", () -> reader.reads() >= 2);
            pump.seek(5.0);
            pump.begin();
            Await.until(WAIT, "pictures sent", () -> !sink.pictures.isEmpty());
            assertEquals(150, sink.pictures.get(0), "the first picture sent is the one at 5 s (frame 150)");
        } finally {
            pump.stop();
        }
    }

    @Test
    void aFileThatBreaksOffAtOnceFailsOnlyOnceTheViewerIsThere() throws Exception {
        CountingReader reader = new CountingReader(-1);
        RecordingSink sink = new RecordingSink();
        FramePump pump = new FramePump(Path.of("cut.mkv"), (file, options) -> reader, FrameOptions.withAudio(1), sink,
                "read-ahead-broken");
        try {
            pump.start();
            assertNull(pump.awaitOpen(5_000));
            Await.until(WAIT, "the read ahead met the break", () -> reader.reads() >= 1);
            assertTrue(sink.failures.isEmpty(), "no failure before the viewer connects: " + sink.failures);
            pump.begin();
            Await.until(WAIT, "the failure", () -> !sink.failures.isEmpty());
            assertEquals("cut.mkv breaks off at 0.0 s", sink.failures.get(0));
        } finally {
            pump.stop();
        }
    }

    /**
     * 30 fps pictures (each one's index in its first luma byte, in one buffer reused at every call) with 10 ms of
     * sound before each; {@code breakAt} -1: the first read fails as a file cut short does.
     */
    private static final class CountingReader implements FrameReader {
        private final ByteBuffer plane = ByteBuffer.allocateDirect(16 * 16);
        private final ByteBuffer chroma = ByteBuffer.allocateDirect(8 * 8);
        private final int breakAt;
        private volatile int reads;
        private int frame;
        private boolean soundNext = true;

        CountingReader(int breakAt) {
            this.breakAt = breakAt;
        }

        int reads() {
            return reads;
        }

        @Override
        public DecodedFrame next() throws IOException {
            reads++;
            if (breakAt < 0) {
                throw new IOException("cut.mkv breaks off at 0.0 s");
            }
            long micros = Math.round(frame * 1_000_000.0 / 30);
            if (soundNext) {
                soundNext = false;
                byte[] pcm = new byte[WebRtcConstants.AUDIO_CHUNK_SAMPLES * 2];
                pcm[0] = (byte) frame;
                return new DecodedFrame.Sound(micros, 1, pcm);
            }
            soundNext = true;
            plane.put(0, (byte) frame);
            frame++;
            return new DecodedFrame.Picture(micros, 16, 16, plane.duplicate(), 16, chroma.duplicate(), 8,
                    chroma.duplicate(), 8);
        }

        @Override
        public void seek(double seconds) {
            frame = (int) Math.round(seconds * 30);
            soundNext = true;
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
            return 60;
        }

        @Override
        public List<Track> audioTracks() {
            return List.of(new Track(1, java.util.Optional.empty(), java.util.Optional.empty(), true, 1));
        }

        @Override
        public OptionalInt audioTrack() {
            return OptionalInt.of(1);
        }

        @Override
        public void selectAudioTrack(TrackChoice choice) {
        }

        @Override
        public void close() {
        }
    }

    /** What the pump hands on: each picture's first luma byte, each sound chunk's first byte, failures. */
    private static final class RecordingSink implements FramePump.Sink {
        final List<Integer> pictures = new CopyOnWriteArrayList<>();
        final List<Integer> sounds = new CopyOnWriteArrayList<>();
        final List<String> failures = new CopyOnWriteArrayList<>();

        @Override
        public void picture(int width, int height, ByteBuffer y, int strideY, ByteBuffer u, int strideU,
                            ByteBuffer v, int strideV, long dueNanos) {
            pictures.add(y.get(y.position()) & 0xff);
        }

        @Override
        public void sound(byte[] chunk) {
            sounds.add((int) chunk[0]);
        }

        @Override
        public void progress(FramePump pump) {
        }

        @Override
        public void failed(String reason) {
            failures.add(reason);
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
