package org.giggityflix.peer.media.common;

import java.nio.ByteBuffer;

/**
 * {@code LumaGridMeter} is responsible for scoring a frame's luma grid row by row, in one pass and without allocating
 * per frame: a codec hands it the sampled rows of each candidate frame straight from its decoder's picture, and it
 * returns exactly the {@link FrameScore} that {@link FrameScore#ofGrid} gives for the same grid (the sums are kept
 * in exact integers, so the result does not depend on how the rows arrived).
 *
 * <p>Not thread-safe: one meter per decoding thread, reused for every frame that thread scores.
 */
public final class LumaGridMeter {

    /** The last three grid rows (above, current, below the row whose Laplacian is taken next), reused. */
    private int[] previous = new int[0];
    private int[] current = new int[0];
    private int[] next = new int[0];

    private int width;
    private int height;
    private int rows;
    private long sum;
    private long sumSquares;
    private long laplacianSum;
    private long laplacianSquares;
    private long laplacianCount;

    /** Starts a frame whose grid is {@code gridWidth} x {@code gridHeight} samples. */
    public void start(int gridWidth, int gridHeight) {
        if (previous.length < gridWidth) {
            previous = new int[gridWidth];
            current = new int[gridWidth];
            next = new int[gridWidth];
        }
        width = gridWidth;
        height = gridHeight;
        rows = 0;
        sum = 0;
        sumSquares = 0;
        laplacianSum = 0;
        laplacianSquares = 0;
        laplacianCount = 0;
    }

    /** Adds the next grid row: {@code width} samples, every {@code step}-th byte of {@code row} from {@code offset}. */
    public void addRow(byte[] row, int offset, int step) {
        int[] target = next;
        for (int x = 0, i = offset; x < width; x++, i += step) {
            target[x] = row[i] & 0xff;
        }
        accept();
    }

    /** The same from a buffer (absolute reads, the buffer's position is left alone). */
    public void addRow(ByteBuffer row, int offset, int step) {
        int[] target = next;
        for (int x = 0, i = offset; x < width; x++, i += step) {
            target[x] = row.get(i) & 0xff;
        }
        accept();
    }

    private void accept() {
        if (rows >= height) {
            throw new IllegalStateException("more than the " + height + " rows started");
        }
        int[] row = next;
        long rowSum = 0;
        long rowSquares = 0;
        for (int x = 0; x < width; x++) {
            int value = row[x];
            rowSum += value;
            rowSquares += (long) value * value;
        }
        sum += rowSum;
        sumSquares += rowSquares;
        if (rows >= 2 && width >= 3) {
            // The row before this one now has both neighbours: its interior Laplacian.
            int[] above = previous;
            int[] middle = current;
            for (int x = 1; x < width - 1; x++) {
                int laplacian = 4 * middle[x] - middle[x - 1] - middle[x + 1] - above[x] - row[x];
                laplacianSum += laplacian;
                laplacianSquares += (long) laplacian * laplacian;
            }
            laplacianCount += width - 2;
        }
        // Rotate: the oldest row's array takes the next row.
        int[] oldest = previous;
        previous = current;
        current = row;
        next = oldest;
        rows++;
    }

    /** The frame's score; every started row must have been added. */
    public FrameScore finish() {
        if (rows != height) {
            throw new IllegalStateException(rows + " of " + height + " rows added");
        }
        long count = (long) width * height;
        double mean = count == 0 ? 0 : (double) sum / count;
        double deviation = count == 0 ? 0
                : Math.sqrt(Math.max(0, (double) sumSquares / count - mean * mean));
        double sharpness = 0;
        if (laplacianCount > 0) {
            double laplacianMean = (double) laplacianSum / laplacianCount;
            sharpness = (double) laplacianSquares / laplacianCount - laplacianMean * laplacianMean;
        }
        return new FrameScore(sharpness, mean, deviation);
    }
}
