package org.giggityflix.peer.stream.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.giggityflix.peer.api.media.SubtitleCue;
import org.junit.jupiter.api.Test;

/**
 * {@code WebVttTest} is responsible for proving the WebVTT a {@code <track>} loads: the header, timestamps to the
 * millisecond past an hour, cues in start order, and text that cannot break the file (markup characters escaped, a
 * blank line or {@code -->} inside a cue neutralised).
 */
class WebVttTest {

    @Test
    void cuesAreWrittenInStartOrderWithMillisecondTimestamps() {
        String vtt = WebVtt.render(List.of(new SubtitleCue(3725.5, 3727.0, "later"),
                new SubtitleCue(0.0005, 1.25, "first")));
        assertEquals("WEBVTT\n\n00:00:00.001 --> 00:00:01.250\nfirst\n\n01:02:05.500 --> 01:02:07.000\nlater\n", vtt);
    }

    @Test
    void timestampsRoundToTheMillisecond() {
        assertEquals("00:00:59.999", WebVtt.timestamp(59.9994));
        assertEquals("00:01:00.000", WebVtt.timestamp(59.9996));
        assertEquals("10:00:00.000", WebVtt.timestamp(36000));
    }

    @Test
    void textIsEscapedAndCannotEndTheCueEarly() {
        String vtt = WebVtt.render(List.of(new SubtitleCue(1, 2, "Tom & Jerry <i>run</i>\n\n\r\nsaid --> he")));
        assertEquals("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nTom &amp; Jerry &lt;i&gt;run&lt;/i&gt;\nsaid --&gt; he\n",
                vtt);
    }

    @Test
    void aCueWithNoTextIsLeftOut() {
        assertEquals("WEBVTT\n", WebVtt.render(List.of(new SubtitleCue(1, 2, " \n "))));
    }
}
