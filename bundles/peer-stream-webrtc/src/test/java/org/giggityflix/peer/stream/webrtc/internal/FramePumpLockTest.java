package org.giggityflix.peer.stream.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.giggityflix.peer.api.media.FrameOptions;
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
        FramePump pump = new FramePump(Path.of("one-frame.mkv"), (file, options) -> StubReader.empty().lasting(1),
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
    private static final class WaitingSink extends RecordingSink {
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
        public void failed(String reason) {
            outcomes.add("failed: " + reason);
        }
    }
}
