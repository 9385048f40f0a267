package org.giggityflix.peer.stream.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.giggityflix.peer.api.media.SubtitleCue;
import org.junit.jupiter.api.Test;

/** Proves that cues go out once each when the pictures reach them, and again from the right one after a seek. */
class CueFeedTest {

    private static final SubtitleCue HELLO = new SubtitleCue(2, 5, "Hello");
    private static final SubtitleCue LONG = new SubtitleCue(3, 20, "A sign, on screen a long time");
    private static final SubtitleCue BYE = new SubtitleCue(8, 9, "Bye");

    private static List<String> texts(List<SubtitleCue> cues) {
        return cues.stream().map(SubtitleCue::text).toList();
    }

    @Test
    void eachCueOnceWhenItsTimeComes() {
        CueFeed feed = new CueFeed(3, List.of(HELLO, LONG, BYE), 0);
        assertEquals(List.of(), feed.due(1_900_000));
        assertEquals(List.of("Hello"), texts(feed.due(2_000_000)));
        assertEquals(List.of(), feed.due(2_040_000), "not twice");
        assertEquals(List.of("A sign, on screen a long time"), texts(feed.due(3_500_000)));
        assertEquals(List.of("Bye"), texts(feed.due(8_100_000)));
        assertEquals(List.of(), feed.due(30_000_000));
        assertEquals(3, feed.track());
    }

    @Test
    void aCueOverBeforeThePicturesGotThereIsNotSent() {
        CueFeed feed = new CueFeed(3, List.of(HELLO, LONG, BYE), 0);
        assertEquals(List.of("A sign, on screen a long time"), texts(feed.due(6_000_000)), "a stall skipped Hello");
    }

    @Test
    void afterASeekTheCuesOnScreenThereComeAgain() {
        CueFeed feed = new CueFeed(3, List.of(HELLO, LONG, BYE), 0);
        feed.due(10_000_000);
        feed.rewind(4_000_000);
        assertEquals(List.of("Hello", "A sign, on screen a long time"), texts(feed.due(4_000_000)));
        feed.rewind(6_000_000);
        assertEquals(List.of("A sign, on screen a long time"), texts(feed.due(6_000_000)));
        assertEquals(List.of("Bye"), texts(feed.due(8_000_000)));
        CueFeed late = new CueFeed(3, List.of(HELLO, LONG, BYE), 4_500_000);
        assertEquals(List.of("Hello", "A sign, on screen a long time"), texts(late.due(4_500_000)),
                "chosen while a cue is on screen: it is shown at once");
    }
}
