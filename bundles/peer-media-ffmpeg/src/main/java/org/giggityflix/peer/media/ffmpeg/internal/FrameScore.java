package org.giggityflix.peer.media.ffmpeg.internal;

/**
 * {@code FrameScore} is responsible for how good a frame is as a thumbnail: its sharpness (variance of the
 * Laplacian of luma) and whether it is near-black or blank.
 *
 * @param sharpness     variance of the Laplacian on luma; higher means more fine detail in focus
 * @param meanLuma      average brightness, 0–255
 * @param lumaDeviation standard deviation of brightness; near 0 for a flat, single-colour frame
 */
record FrameScore(double sharpness, double meanLuma, double lumaDeviation) {

    /** Fades, black leaders and title cards this dark are never chosen while any other frame exists. */
    static final double DARK_MEAN_LUMA = 20;

    /** A frame this uniform shows nothing a viewer could recognise. */
    static final double FLAT_DEVIATION = 6;

    boolean blank() {
        return meanLuma < DARK_MEAN_LUMA || lumaDeviation < FLAT_DEVIATION;
    }

    /** Any non-blank frame beats a blank one; between equals, the sharper wins. */
    boolean betterThan(FrameScore other) {
        if (other == null) {
            return true;
        }
        if (blank() != other.blank()) {
            return !blank();
        }
        return sharpness > other.sharpness;
    }
}
