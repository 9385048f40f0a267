package org.giggityflix.peer.media.ffmpeg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@code AssTextTest} is responsible for proving that ASS/SSA markup becomes the plain text a viewer reads. */
class AssTextTest {

    @Test
    void theTextFieldOfAnEventIsWhatIsLeftAfterEightFieldsCommasAndAll() {
        assertEquals("Well, hello, there", AssText.ofEvent("0,0,Default,,0,0,0,,Well, hello, there"));
    }

    @Test
    void overrideBlocksGoAndLineBreaksStay() {
        assertEquals("Italic and bold\nsecond line",
                AssText.plain("{\\i1}Italic{\\i0} and {\\b1\\c&H00FF00&}bold{\\b0}\\Nsecond\\hline"));
        assertEquals("one\ntwo", AssText.plain("{\\pos(320,50)\\an8}one\\ntwo"));
    }

    @Test
    void drawingsAreNotText() {
        assertEquals("Sign", AssText.plain("{\\p1}m 0 0 l 100 0 100 100 0 100{\\p0}Sign"));
    }

    @Test
    void blankLinesAndAnUnclosedBlockDoNotLeakIntoTheCue() {
        assertEquals("a\nb", AssText.plain("  a \\N\\N  b  "));
        assertEquals("kept", AssText.plain("kept{\\i1 unclosed"));
        assertEquals("", AssText.plain("{\\an8}"));
    }

    @Test
    void aLineThatIsNotAnEventIsTakenAsText() {
        assertEquals("just text", AssText.ofEvent("just text"));
    }
}
