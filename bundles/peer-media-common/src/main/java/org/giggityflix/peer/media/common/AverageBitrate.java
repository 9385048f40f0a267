package org.giggityflix.peer.media.common;

/**
 * {@code AverageBitrate} is responsible for a file's average bit rate from its size and duration, as every codec's
 * probe reports it when the container states none.
 */
public final class AverageBitrate {

    private AverageBitrate() {
    }

    /** Bits per second over the whole file, or null when the duration is unknown or not positive. */
    public static Long of(long sizeBytes, Double durationSeconds) {
        if (durationSeconds == null || !(durationSeconds > 0)) {
            return null;
        }
        return Math.round(sizeBytes * 8 / durationSeconds);
    }
}
