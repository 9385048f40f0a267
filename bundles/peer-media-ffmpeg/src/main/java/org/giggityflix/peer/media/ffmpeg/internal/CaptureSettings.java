package org.giggityflix.peer.media.ffmpeg.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code CaptureSettings} is responsible for the thumbnail settings in force, with each configured value
 * brought into its sensible range (a bad value is logged and replaced, never fatal).
 *
 * @param jpegQuality   0.05–1.0
 * @param maxWidth      0 (keep) or more
 * @param windowSeconds half-width of the search window, 0.04–10 s
 */
record CaptureSettings(float jpegQuality, int maxWidth, double windowSeconds) {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureSettings.class);

    static final CaptureSettings DEFAULTS = new CaptureSettings(0.9f, 0, 1.0);

    static CaptureSettings from(FfmpegMediaConfig config) {
        return new CaptureSettings(
                (float) clamp("jpegQuality", config.jpegQuality(), 0.05, 1.0),
                (int) clamp("maxWidth", config.maxWidth(), 0, Integer.MAX_VALUE),
                clamp("windowSeconds", config.windowSeconds(), 0.04, 10));
    }

    private static double clamp(String name, double value, double min, double max) {
        if (Double.isNaN(value)) {
            LOG.warn("{} of {} is not a number; using {}", name, FfmpegConstants.PID, min);
            return min;
        }
        double clamped = Math.max(min, Math.min(max, value));
        if (clamped != value) {
            LOG.warn("{}={} of {} is outside {}..{}; using {}", name, value, FfmpegConstants.PID, min, max, clamped);
        }
        return clamped;
    }
}
