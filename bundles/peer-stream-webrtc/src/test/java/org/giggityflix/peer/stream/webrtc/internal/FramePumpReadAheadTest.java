package org.giggityflix.peer.stream.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.giggityflix.peer.api.media.FrameOptions;
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
        StubReader reader = StubReader.pictures(30).withSound();
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
        StubReader reader = StubReader.pictures(30).withSound();
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
        StubReader reader = StubReader.pictures(30).withSound().breakingOffAfter(0, "cut.mkv breaks off at 0.0 s");
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
}
