package org.giggityflix.peer.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avutil.av_display_matrix_flip;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_set;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code DisplayRotationTest} is responsible for the filters each display matrix gets, built with FFmpeg's own
 * {@code av_display_rotation_set} / {@code av_display_matrix_flip} as muxers write them: the four right angles, each
 * mirrored, and angles between right angles (taken to the nearest one), matching the ffmpeg command line's choice.
 */
class DisplayRotationTest {

    @Test
    void rightAnglesAsTheCommandLineTurnsThem() {
        // FFmpeg 8's av_display_rotation_set takes the clockwise turn that shows the picture upright.
        assertEquals(new DisplayRotation(0, ""), of(0, false, false));
        assertEquals(new DisplayRotation(90, "transpose=clock"), of(90, false, false));
        assertEquals(new DisplayRotation(180, "hflip,vflip"), of(180, false, false));
        assertEquals(new DisplayRotation(270, "transpose=cclock"), of(-90, false, false));
        assertTrue(of(90, false, false).swapsSides());
        assertFalse(of(180, false, false).swapsSides());
    }

    @Test
    void mirroredMatricesAreFlippedToo() {
        assertEquals("hflip", of(0, true, false).filters());
        assertEquals("vflip", of(0, false, true).filters());
        assertEquals("transpose=cclock_flip", of(90, true, false).filters());
        assertEquals("transpose=clock_flip", of(-90, true, false).filters());
        assertTrue(of(90, true, false).swapsSides());
        // Half a turn and a mirror left to right is one mirror top to bottom.
        assertEquals("vflip", of(180, true, false).filters());
    }

    @Test
    void anOddAngleGoesToTheNearestRightAngle() {
        assertEquals(90, of(80, false, false).degrees());
        assertEquals(270, of(-100, false, false).degrees());
        assertEquals(0, of(30, false, false).degrees());
        assertEquals(180, of(200, false, false).degrees());
    }

    @Test
    void aPixelGoesWhereTheFiltersTakeItAndBack() {
        // A 4x2 stored picture; its top-right pixel (3, 0) in the upright picture of each orientation.
        assertArrayEquals(new int[] {1, 3}, of(90, false, false).upright(3, 0, 4, 2), "clockwise: right column");
        assertArrayEquals(new int[] {0, 0}, of(-90, false, false).upright(3, 0, 4, 2), "counter-clockwise: top left");
        assertArrayEquals(new int[] {0, 1}, of(180, false, false).upright(3, 0, 4, 2), "half a turn: bottom left");
        assertArrayEquals(new int[] {0, 0}, of(0, true, false).upright(3, 0, 4, 2), "mirrored: top left");
        for (double angle : new double[] {0, 90, 180, -90}) {
            for (boolean flip : new boolean[] {false, true}) {
                DisplayRotation r = of(angle, flip, false);
                int uw = r.swapsSides() ? 2 : 4;
                int uh = r.swapsSides() ? 4 : 2;
                for (int y = 0; y < 2; y++) {
                    for (int x = 0; x < 4; x++) {
                        int[] up = r.upright(x, y, 4, 2);
                        assertTrue(up[0] >= 0 && up[0] < uw && up[1] >= 0 && up[1] < uh, r + " keeps it inside");
                        assertArrayEquals(new int[] {x, y}, r.stored(up[0], up[1], uw, uh), r + " and back");
                    }
                }
            }
        }
    }

    @Test
    void noMatrixOrAZeroOneIsUpright() {
        assertEquals(DisplayRotation.NONE, DisplayRotation.of(new int[9]));
    }

    private static DisplayRotation of(double clockwise, boolean hflip, boolean vflip) {
        int[] matrix = new int[9];
        av_display_rotation_set(matrix, clockwise);
        av_display_matrix_flip(matrix, hflip ? 1 : 0, vflip ? 1 : 0);
        return DisplayRotation.of(matrix);
    }
}
