package org.giggityflix.peer.media.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@code FrameScoreTest} is responsible for proving the frame measure on luma planes: fine detail scores higher than
 * soft gradients, black or flat frames count as blank whatever their score, and padded rows change nothing.
 */
class FrameScoreTest {

    private static final int WIDTH = 320;
    private static final int HEIGHT = 240;

    @Test
    void checkerboardIsSharperThanAGradient() {
        FrameScore board = FrameScore.ofLumaPlane(checkerboard(8), WIDTH, HEIGHT);
        FrameScore soft = FrameScore.ofLumaPlane(gradient(), WIDTH, HEIGHT);

        assertTrue(board.sharpness() > 100 * Math.max(1, soft.sharpness()), board + " vs " + soft);
        assertTrue(board.betterThan(soft));
        assertFalse(soft.betterThan(board));
        assertFalse(board.blank());
        assertFalse(soft.blank());
        assertTrue(board.betterThan(null), "anything beats no frame at all");
    }

    @Test
    void darkNoiseIsBlankAndLosesToAnyPicture() {
        FrameScore dark = FrameScore.ofLumaPlane(darkNoise(1), WIDTH, HEIGHT);
        FrameScore soft = FrameScore.ofLumaPlane(gradient(), WIDTH, HEIGHT);

        assertTrue(dark.sharpness() > soft.sharpness(), "the trap: noise scores sharper");
        assertTrue(dark.mean() < FrameScore.DARK_MEAN, "" + dark);
        assertTrue(dark.blank());
        assertTrue(soft.betterThan(dark));
        assertFalse(dark.betterThan(soft));
    }

    @Test
    void aFlatGreyFrameIsBlank() {
        byte[] grey = new byte[64 * 48];
        Arrays.fill(grey, (byte) 128);

        FrameScore score = FrameScore.ofLumaPlane(grey, 64, 48);
        assertEquals(128, score.mean(), 1e-9);
        assertEquals(0, score.deviation(), 1e-9);
        assertEquals(0, score.sharpness(), 1e-9);
        assertTrue(score.blank());
    }

    @Test
    void paddedRowsScoreLikeTightOnes() {
        byte[] tight = checkerboard(4);
        int stride = WIDTH + 32;
        ByteBuffer padded = ByteBuffer.allocate(stride * HEIGHT);
        for (int y = 0; y < HEIGHT; y++) {
            padded.put(y * stride, tight, y * WIDTH, WIDTH);
            for (int x = WIDTH; x < stride; x++) {
                padded.put(y * stride + x, (byte) 255); // garbage in the padding must be ignored
            }
        }

        assertEquals(FrameScore.ofLumaPlane(tight, WIDTH, HEIGHT), FrameScore.ofLumaPlane(padded, WIDTH, HEIGHT, stride));
    }

    @Test
    void wideFramesAreMeasuredOnAGridAboutMeasureWidthWide() {
        assertEquals(1, FrameScore.step(FrameScore.MEASURE_WIDTH));
        assertEquals(3, FrameScore.step(1920));
        // A 1-pixel checkerboard sampled every 2nd pixel is flat: proof that big frames are sampled, not read whole.
        int width = 2 * FrameScore.MEASURE_WIDTH;
        byte[] fine = new byte[width * 8];
        for (int i = 0; i < fine.length; i++) {
            fine[i] = (byte) ((((i % width) + i / width) % 2 == 0) ? 200 : 40);
        }
        assertTrue(FrameScore.ofLumaPlane(fine, width, 8).blank());
        assertFalse(FrameScore.ofLumaPlane(fine, FrameScore.MEASURE_WIDTH, 16).blank());
    }

    @Test
    void aGridScoresLikeTheSameLumaPlane() {
        byte[] plane = checkerboard(8);
        int[] grid = new int[plane.length];
        for (int i = 0; i < plane.length; i++) {
            grid[i] = plane[i] & 0xff;
        }
        assertEquals(FrameScore.ofLumaPlane(plane, WIDTH, HEIGHT), FrameScore.ofGrid(grid, WIDTH, HEIGHT));
        assertEquals(new FrameScore(0, 0, 0), FrameScore.ofGrid(new int[0], 0, 0));
    }

    private static byte[] checkerboard(int cell) {
        byte[] luma = new byte[WIDTH * HEIGHT];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                luma[y * WIDTH + x] = (byte) (((x / cell + y / cell) % 2 == 0) ? 230 : 25);
            }
        }
        return luma;
    }

    private static byte[] gradient() {
        byte[] luma = new byte[WIDTH * HEIGHT];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                luma[y * WIDTH + x] = (byte) (40 + 160 * x / WIDTH);
            }
        }
        return luma;
    }

    private static byte[] darkNoise(long seed) {
        Random random = new Random(seed);
        byte[] luma = new byte[WIDTH * HEIGHT];
        for (int i = 0; i < luma.length; i++) {
            luma[i] = (byte) random.nextInt(16);
        }
        return luma;
    }
}
