package org.giggityflix.peer.media.ffmpeg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code DisplayMatrixTest} is responsible for the reading of display matrices no test file carries: angles a hair
 * off a right angle either way, past a full turn, and a degenerate (all-zero) matrix.
 */
class DisplayMatrixTest {

    @Test
    void anglesWithinTwoDegreesOfARightAngleAreThatAngle() {
        assertEquals(0, matrix(359.0, false).rotation());
        assertEquals(0, matrix(1.5, false).rotation());
        assertEquals(90, matrix(88.2, false).rotation());
        assertEquals(180, matrix(181.9, false).rotation());
        assertEquals(270, matrix(271.0, true).rotation());
        assertTrue(matrix(271.0, true).flipped());
        assertFalse(matrix(271.0, true).odd());
    }

    @Test
    void otherAnglesAreShownAsStoredAndFlaggedOdd() {
        DisplayMatrix diagonal = matrix(45, false);
        assertEquals(0, diagonal.rotation());
        assertTrue(diagonal.odd());
        assertEquals(45.0, diagonal.angle(), 0.01);
        assertTrue(matrix(93.0, false).odd());
    }

    @Test
    void aDegenerateMatrixIsNoRotation() {
        DisplayMatrix zero = DisplayMatrix.of(new int[9]);
        assertEquals(0, zero.rotation());
        assertTrue(zero.odd());
        assertEquals(DisplayMatrix.UPRIGHT, DisplayMatrix.of(null));
        assertEquals(DisplayMatrix.UPRIGHT, DisplayMatrix.of(new int[4]));
    }

    /** The matrix FFmpeg's av_display_rotation_set(-clockwise) writes, first column negated for a mirror. */
    private static DisplayMatrix matrix(double clockwise, boolean mirrored) {
        double r = Math.toRadians(clockwise);
        int a = fixed(Math.cos(r));
        int b = fixed(Math.sin(r));
        int c = fixed(-Math.sin(r));
        int d = fixed(Math.cos(r));
        if (mirrored) {
            a = -a;
            c = -c;
        }
        return DisplayMatrix.of(new int[] {a, b, 0, c, d, 0, 0, 0, 1 << 30});
    }

    private static int fixed(double value) {
        return (int) Math.round(value * 65536);
    }
}
