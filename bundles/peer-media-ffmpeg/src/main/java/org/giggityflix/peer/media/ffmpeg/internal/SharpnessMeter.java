package org.giggityflix.peer.media.ffmpeg.internal;

import java.nio.ByteBuffer;

/**
 * {@code SharpnessMeter} is responsible for scoring a BGR24 picture: variance of the Laplacian on its luma (the
 * usual focus measure: blur and motion smear remove exactly the high frequencies it measures) plus brightness
 * statistics that reveal black and blank frames.
 */
final class SharpnessMeter {

    /** Large frames are measured on a grid about this wide: plenty for ranking frames, and cheap. */
    private static final int MEASURE_WIDTH = 640;

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
        int step = Math.max(1, width / MEASURE_WIDTH);
        int gridWidth = width / step;
        int gridHeight = height / step;
        int[] luma = luma(bgr, stride, step, gridWidth, gridHeight);
        return score(luma, gridWidth, gridHeight);
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

    private static FrameScore score(int[] luma, int width, int height) {
        double sum = 0;
        double sumSquares = 0;
        for (int value : luma) {
            sum += value;
            sumSquares += (double) value * value;
        }
        double mean = luma.length == 0 ? 0 : sum / luma.length;
        double deviation = luma.length == 0 ? 0 : Math.sqrt(Math.max(0, sumSquares / luma.length - mean * mean));
        return new FrameScore(laplacianVariance(luma, width, height), mean, deviation);
    }

    /** 4-neighbour Laplacian over the interior pixels. */
    private static double laplacianVariance(int[] luma, int width, int height) {
        double sum = 0;
        double sumSquares = 0;
        long count = 0;
        for (int y = 1; y < height - 1; y++) {
            for (int x = 1; x < width - 1; x++) {
                int i = y * width + x;
                int laplacian = 4 * luma[i] - luma[i - 1] - luma[i + 1] - luma[i - width] - luma[i + width];
                sum += laplacian;
                sumSquares += (double) laplacian * laplacian;
                count++;
            }
        }
        if (count == 0) {
            return 0;
        }
        double mean = sum / count;
        return sumSquares / count - mean * mean;
    }
}
