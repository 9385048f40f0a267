package org.giggityflix.peer.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;

/**
 * {@code DisplayMatrix} is responsible for reading a video stream's display matrix (the 3x3 transform a phone or
 * camera stores so the picture is shown upright, FFmpeg's {@code AV_PKT_DATA_DISPLAYMATRIX}) as what a screen can
 * show without cropping: a clockwise quarter turn and an optional left-right mirror.
 *
 * <p>Conventions are FFmpeg's: {@code av_display_rotation_get} gives the counter-clockwise angle, so the clockwise
 * rotation is its negation (a {@code rotate=90} tag reads as 90); a mirror is a matrix with a negative determinant,
 * which FFmpeg's {@code av_display_matrix_flip} makes by negating the first column: undone the same way, what is
 * left is a pure rotation, and the mirror applies after it.
 *
 * <p>An angle within {@link #TOLERANCE_DEGREES} of a right angle is that right angle (muxers round the matrix to
 * 16.16 fixed point; FFmpeg's own command line warns only beyond 2 degrees). Any other angle (45, 80 ...) is no
 * transform a player shows without cropping or black corners: the stream is reported as stored (rotation 0) and
 * {@link #odd()} says so, for the probe to warn once.
 *
 * @param rotation clockwise degrees to turn the stored picture: 0, 90, 180 or 270
 * @param flipped  mirrored left to right after the rotation
 * @param angle    the clockwise angle the matrix states, normalised to [0, 360); NaN for a degenerate matrix
 * @param odd      the matrix states an angle that is not (nearly) a right angle, or is degenerate
 */
record DisplayMatrix(int rotation, boolean flipped, double angle, boolean odd) {

    /** How far from a right angle a stated angle may be and still count as it. */
    static final double TOLERANCE_DEGREES = 2.0;

    /** No matrix: the picture is shown as stored. */
    static final DisplayMatrix UPRIGHT = new DisplayMatrix(0, false, 0, false);

    /** Reads the nine 16.16 / 2.30 fixed-point values FFmpeg stores, row by row. */
    static DisplayMatrix of(int[] matrix) {
        if (matrix == null || matrix.length < 9) {
            return UPRIGHT;
        }
        int[] m = matrix.clone();
        long determinant = (long) m[0] * m[4] - (long) m[1] * m[3];
        boolean flipped = determinant < 0;
        if (flipped) {
            m[0] = -m[0];
            m[3] = -m[3];
            m[6] = -m[6];
        }
        double counterClockwise = av_display_rotation_get(m);
        if (Double.isNaN(counterClockwise)) {
            return new DisplayMatrix(0, flipped, Double.NaN, true);
        }
        double clockwise = normalised(-counterClockwise);
        long quarters = Math.round(clockwise / 90.0);
        if (Math.abs(clockwise - quarters * 90.0) > TOLERANCE_DEGREES) {
            return new DisplayMatrix(0, flipped, clockwise, true);
        }
        return new DisplayMatrix((int) (quarters % 4) * 90, flipped, clockwise, false);
    }

    /** Whether the display size is the stored size turned on its side. */
    boolean swapsSides() {
        return rotation == 90 || rotation == 270;
    }

    private static double normalised(double degrees) {
        double value = degrees % 360.0;
        return value < 0 ? value + 360.0 : value;
    }
}
