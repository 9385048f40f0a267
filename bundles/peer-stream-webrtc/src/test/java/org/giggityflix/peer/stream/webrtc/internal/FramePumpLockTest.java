package org.giggityflix.peer.stream.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.giggityflix.peer.api.media.DecodedFrame;
import org.giggityflix.peer.api.media.FrameOptions;
import org.giggityflix.peer.api.media.FrameReader;
import org.giggityflix.peer.api.media.SubtitleCue;
import org.giggityflix.peer.api.media.TrackChoice;
import org.giggityflix.peer.testsupport.Await;
import org.junit.jupiter.api.Test;

/**
 * Proves that a paused or ended pump reports its progress without holding its lock. The session's progress handler
 * reads libwebrtc's statistics, a call that waits for libwebrtc's own thread; that thread delivers the viewer's
 * data-channel messages, which take the pump's lock. Reporting under the lock deadlocked a paused session (seen in
 * {@code PlayerIT}: a subtitle choice arriving while the pump reported). Here the sink plays libwebrtc: each report
 * waits for a subtitle choice made on another thread.
 */
class FramePumpLockTest {

    private static final Duration OTHER_THREAD = Duration.ofSeconds(5);

    @Test
    void anEndedPumpReportsWhileAViewersMessageTakesItsLock() throws Exception {
        ExecutorService libwebrtc = Executors.newSingleThreadExecutor();
        WaitingSink sink = new WaitingSink(libwebrtc);
        FramePump pump = new FramePump(Path.of("one-frame.mkv"), (file, options) -> new EmptyReader(),
                FrameOptions.videoOnly(), sink, "lock-test");
        sink.pump = pump;
        try {
            pump.start();
            assertEquals(null, pump.awaitOpen(5_000));
            pump.begin(); // nothing to decode: the pump ends at once and then waits, reporting every 500 ms
            Await.until(Duration.ofSeconds(30), "three reports from the ended pump",
                    () -> sink.outcomes.size() >= 3);
            assertTrue(pump.ended());
            assertTrue(sink.outcomes.stream().allMatch("answered"::equals),
                    "a message on libwebrtc's thread waited for the lock the reporting pump held: " + sink.outcomes);
        } finally {
            pump.stop();
            libwebrtc.shutdownNow();
        }
    }

    /** Each report waits, as a stats call does, for a message delivered on libwebrtc's thread to be taken. */
    private static final class WaitingSink implements FramePump.Sink {
        final List<String> outcomes = new CopyOnWriteArrayList<>();
        private final ExecutorService libwebrtc;
        volatile FramePump pump;

        WaitingSink(ExecutorService libwebrtc) {
            this.libwebrtc = libwebrtc;
        }

        @Override
        public void progress(FramePump p) {
            CompletableFuture<Void> message = CompletableFuture.runAsync(
                    () -> pump.selectSubtitles(SubtitleChoice.OFF), libwebrtc);
            try {
                message.get(OTHER_THREAD.toMillis(), TimeUnit.MILLISECONDS);
                outcomes.add("answered");
            } catch (TimeoutException e) {
                outcomes.add("blocked for " + OTHER_THREAD.toSeconds() + " s");
            } catch (Exception e) {
                outcomes.add(e.toString());
            }
        }

        @Override
        public void picture(int width, int height, ByteBuffer y, int strideY, ByteBuffer u, int strideU,
                            ByteBuffer v, int strideV, long dueNanos) {
        }

        @Override
        public void sound(byte[] chunk) {
        }

        @Override
        public void failed(String reason) {
            outcomes.add("failed: " + reason);
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

    /** A file with nothing in it: the pump reaches its end on the first read. */
    private static final class EmptyReader implements FrameReader {
        @Override
        public int width() {
            return 64;
        }

        @Override
        public int height() {
            return 64;
        }

        @Override
        public double durationSeconds() {
            return 1;
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
        public DecodedFrame next() {
            return null;
        }

        @Override
        public void seek(double seconds) {
        }

        @Override
        public void selectAudioTrack(TrackChoice choice) {
        }

        @Override
        public void close() {
        }
    }
}
