package org.giggityflix.peer.stream.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.giggityflix.peer.api.media.FrameOptions;
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
        StubReader reader = StubReader.pictures(1 / 30.0).lasting(600); // pictures 30 s apart: a look between two
        FramePump pump = new FramePump(Path.of("slides.mkv"), (file, options) -> reader, FrameOptions.videoOnly(),
                new RecordingSink(), "position");
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
}
