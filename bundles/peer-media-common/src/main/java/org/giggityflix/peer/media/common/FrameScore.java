package org.giggityflix.peer.media.common;

import java.nio.ByteBuffer;

/**
 * {@code FrameScore} is responsible for how good a frame is as a thumbnail, measured on its luma: sharpness as the
 * variance of the 4-neighbour Laplacian (the usual focus measure: blur and motion smear remove exactly the high
 * frequencies it measures), and whether the frame is near-black or flat, which never wins while another frame exists.
 *
 * @param sharpness variance of the Laplacian on luma; higher means more fine detail in focus
 * @param mean      average luma, 0–255
 * @param deviation standard deviation of luma; near 0 for a flat, single-colour frame
 */
public record FrameScore(double sharpness, double mean, double deviation) {

    /** Fades, black leaders and title cards this dark are never chosen while any other frame exists. */
    public static final double DARK_MEAN = 20;

    /** A frame this uniform shows nothing a viewer could recognise. */
    public static final double FLAT_DEVIATION = 6;

    /** Large frames are measured on a grid about this wide: plenty for ranking frames, and cheap. */
    public static final int MEASURE_WIDTH = 640;

    public boolean blank() {
        return mean < DARK_MEAN || deviation < FLAT_DEVIATION;
    }

    /** Any non-blank frame beats a blank one; between equals, the sharper wins. */
    public boolean betterThan(FrameScore other) {
        if (other == null) {
            return true;
        }
        if (blank() != other.blank()) {
            return !blank();
        }
        return sharpness > other.sharpness;
    }

    /** Every how many pixels a frame this wide is sampled (1 up to {@link #MEASURE_WIDTH}). */
    public static int step(int width) {
        return Math.max(1, width / MEASURE_WIDTH);
    }

    /** Scores an 8-bit luma plane whose rows are {@code width} bytes apart (Y of YUV 4:2:0 and the like). */
    public static FrameScore ofLumaPlane(byte[] luma, int width, int height) {
        return ofLumaPlane(ByteBuffer.wrap(luma), width, height, width);
    }

    /**
     * Scores an 8-bit luma plane straight from a buffer, sampled on a grid about {@link #MEASURE_WIDTH} wide.
     *
     * @param stride bytes from one row to the next (rows may be padded)
     */
    public static FrameScore ofLumaPlane(ByteBuffer luma, int width, int height, int stride) {
        int step = step(width);
        int gridWidth = width / step;
        int gridHeight = height / step;
        LumaGridMeter meter = new LumaGridMeter();
        meter.start(gridWidth, gridHeight);
        for (int y = 0; y < gridHeight; y++) {
            meter.addRow(luma, y * step * stride, step);
        }
        return meter.finish();
    }

    /** Scores luma values (0–255) already sampled into a row-major grid, e.g. computed from BGR pixels. */
    public static FrameScore ofGrid(int[] luma, int width, int height) {
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
