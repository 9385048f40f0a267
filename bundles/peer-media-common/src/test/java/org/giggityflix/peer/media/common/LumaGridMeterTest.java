package org.giggityflix.peer.media.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@code LumaGridMeterTest} is responsible for proving that scoring a frame row by row, with one meter reused for
 * frame after frame, gives exactly the score of the whole grid at once, so a codec that streams rows from its
 * decoder chooses the same frames as one that copies the picture first.
 */
class LumaGridMeterTest {

    @Test
    void rowByRowScoresExactlyLikeTheWholeGrid() {
        Random random = new Random(6);
        LumaGridMeter meter = new LumaGridMeter();
        // One meter for several frames of different sizes and content, as a decoding thread uses it.
        int[][] sizes = {{64, 48}, {640, 360}, {17, 3}, {3, 17}, {200, 120}};
        for (int[] size : sizes) {
            int width = size[0];
            int height = size[1];
            int[] grid = new int[width * height];
            byte[] bytes = new byte[grid.length];
            for (int i = 0; i < grid.length; i++) {
                // Texture plus noise: a non-trivial Laplacian with a non-zero mean.
                grid[i] = Math.min(255, (i % width) * 3 % 256 / 2 + random.nextInt(100));
                bytes[i] = (byte) grid[i];
            }
            meter.start(width, height);
            for (int y = 0; y < height; y++) {
                meter.addRow(bytes, y * width, 1);
            }
            assertEquals(FrameScore.ofGrid(grid, width, height), meter.finish(), width + "x" + height);
        }
    }

    @Test
    void sampledRowsOfAPaddedBufferScoreLikeTheSampledGrid() {
        int width = 1920;
        int height = 1080;
        int stride = 2048;
        int step = FrameScore.step(width);
        ByteBuffer plane = ByteBuffer.allocateDirect(stride * height);
        Random random = new Random(1);
        for (int i = 0; i < stride * height; i++) {
            plane.put(i, (byte) random.nextInt(256));
        }
        int gridWidth = width / step;
        int gridHeight = height / step;
        int[] grid = new int[gridWidth * gridHeight];
        for (int y = 0; y < gridHeight; y++) {
            for (int x = 0; x < gridWidth; x++) {
                grid[y * gridWidth + x] = plane.get(y * step * stride + x * step) & 0xff;
            }
        }

        LumaGridMeter meter = new LumaGridMeter();
        meter.start(gridWidth, gridHeight);
        for (int y = 0; y < gridHeight; y++) {
            meter.addRow(plane, y * step * stride, step);
        }

        FrameScore expected = FrameScore.ofGrid(grid, gridWidth, gridHeight);
        assertEquals(expected, meter.finish());
        assertEquals(expected, FrameScore.ofLumaPlane(plane, width, height, stride));
        assertTrue(expected.sharpness() > 1000, "noise is sharp: " + expected);
    }

    @Test
    void aFrameWithRowsMissingOrExtraIsRefused() {
        LumaGridMeter meter = new LumaGridMeter();
        byte[] row = new byte[8];
        meter.start(8, 2);
        meter.addRow(row, 0, 1);
        assertThrows(IllegalStateException.class, meter::finish);
        meter.addRow(row, 0, 1);
        assertThrows(IllegalStateException.class, () -> meter.addRow(row, 0, 1));
        assertEquals(new FrameScore(0, 0, 0), meter.finish());
    }
}
