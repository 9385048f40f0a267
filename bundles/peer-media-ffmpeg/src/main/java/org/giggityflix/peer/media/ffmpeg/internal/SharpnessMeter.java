package org.giggityflix.peer.media.ffmpeg.internal;

import java.nio.ByteBuffer;

import org.giggityflix.peer.media.common.FrameScore;

/**
 * {@code SharpnessMeter} is responsible for scoring a BGR24 picture: it samples the picture's luma on a grid and
 * hands it to {@link FrameScore} (variance of the Laplacian, plus the brightness statistics that reveal black and
 * blank frames).
 */
final class SharpnessMeter {

    private SharpnessMeter() {
    }

    static FrameScore measure(byte[] bgr, int width, int height) {
        return measure(ByteBuffer.wrap(bgr), width, height, width * 3);
    }

    /**
     * Measures straight from a decoder's buffer, so that only the frames worth keeping are ever copied.
     *
     * @param stride bytes from one row to the next (rows may be padded)
     */
    static FrameScore measure(ByteBuffer bgr, int width, int height, int stride) {
        int step = FrameScore.step(width);
        int gridWidth = width / step;
        int gridHeight = height / step;
        int[] luma = luma(bgr, stride, step, gridWidth, gridHeight);
        return FrameScore.ofGrid(luma, gridWidth, gridHeight);
    }

    /** BT.601 luma of every {@code step}-th pixel, in integer arithmetic. */
    private static int[] luma(ByteBuffer bgr, int stride, int step, int gridWidth, int gridHeight) {
        int[] luma = new int[gridWidth * gridHeight];
        for (int y = 0; y < gridHeight; y++) {
            int row = y * step * stride;
            for (int x = 0; x < gridWidth; x++) {
                int i = row + x * step * 3;
                int b = bgr.get(i) & 0xff;
                int g = bgr.get(i + 1) & 0xff;
                int r = bgr.get(i + 2) & 0xff;
                luma[y * gridWidth + x] = (77 * r + 150 * g + 29 * b) >> 8;
            }
        }
        return luma;
    }
}
