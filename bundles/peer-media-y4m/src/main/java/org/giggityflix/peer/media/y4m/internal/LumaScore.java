package org.giggityflix.peer.media.y4m.internal;

/**
 * {@code LumaScore} is responsible for how good a frame is as a thumbnail, measured on its luma plane: sharpness as
 * the variance of the 4-neighbour Laplacian (blur removes exactly the detail it measures), and whether the frame is
 * near-black (mean below 20) or flat (deviation below 6), which never win while another frame exists.
 *
 * @param sharpness variance of the Laplacian
 * @param mean      average luma, 0–255
 * @param deviation standard deviation of luma
 */
record LumaScore(double sharpness, double mean, double deviation) {

    static final double DARK_MEAN = 20;
    static final double FLAT_DEVIATION = 6;
    /** Large frames are measured on a grid about this wide: plenty to rank frames, and cheap. */
    private static final int MEASURE_WIDTH = 640;

    boolean blank() {
        return mean < DARK_MEAN || deviation < FLAT_DEVIATION;
    }

    /** Any non-blank frame beats a blank one; between equals, the sharper wins. */
    boolean betterThan(LumaScore other) {
        if (other == null) {
            return true;
        }
        if (blank() != other.blank()) {
            return !blank();
        }
        return sharpness > other.sharpness;
    }

    static LumaScore measure(byte[] luma, int width, int height) {
        int step = Math.max(1, width / MEASURE_WIDTH);
        int gw = width / step;
        int gh = height / step;
        int[] grid = new int[gw * gh];
        double sum = 0;
        double squares = 0;
        for (int y = 0; y < gh; y++) {
            int row = y * step * width;
            for (int x = 0; x < gw; x++) {
                int value = luma[row + x * step] & 0xff;
                grid[y * gw + x] = value;
                sum += value;
                squares += (double) value * value;
            }
        }
        double mean = grid.length == 0 ? 0 : sum / grid.length;
        double deviation = grid.length == 0 ? 0 : Math.sqrt(Math.max(0, squares / grid.length - mean * mean));
        return new LumaScore(laplacianVariance(grid, gw, gh), mean, deviation);
    }

    private static double laplacianVariance(int[] luma, int width, int height) {
        double sum = 0;
        double squares = 0;
        long count = 0;
        for (int y = 1; y < height - 1; y++) {
            for (int x = 1; x < width - 1; x++) {
                int i = y * width + x;
                int laplacian = 4 * luma[i] - luma[i - 1] - luma[i + 1] - luma[i - width] - luma[i + width];
                sum += laplacian;
                squares += (double) laplacian * laplacian;
                count++;
            }
        }
        if (count == 0) {
            return 0;
        }
        double mean = sum / count;
        return squares / count - mean * mean;
    }
}
