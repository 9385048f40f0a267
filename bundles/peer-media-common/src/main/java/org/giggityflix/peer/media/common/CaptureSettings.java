package org.giggityflix.peer.media.common;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code CaptureSettings} is responsible for the thumbnail settings in force, with each configured value brought
 * into its sensible range (a bad value is logged and replaced by the nearest valid one, never fatal).
 *
 * @param jpegQuality   0.05–1.0
 * @param maxWidth      0 (keep) up to the codec's widest width
 * @param windowSeconds half-width of the search window, 0.04–10 s
 */
public record CaptureSettings(float jpegQuality, int maxWidth, double windowSeconds) {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureSettings.class);

    /** The defaults, also those of each codec's metatype (one place for them: annotations take constants). */
    public static final float DEFAULT_JPEG_QUALITY = 0.9f;
    public static final int DEFAULT_MAX_WIDTH = 0;
    public static final double DEFAULT_WINDOW_SECONDS = 1.0;

    public static final CaptureSettings DEFAULTS =
            new CaptureSettings(DEFAULT_JPEG_QUALITY, DEFAULT_MAX_WIDTH, DEFAULT_WINDOW_SECONDS);

    /** The valid ranges, also the min/max of each codec's metatype ({@link CaptureMetatype}). */
    public static final double MIN_JPEG_QUALITY = 0.05;
    public static final double MAX_JPEG_QUALITY = 1.0;
    public static final int MIN_MAX_WIDTH = 0;
    public static final double MIN_WINDOW_SECONDS = 0.04;
    public static final double MAX_WINDOW_SECONDS = 10.0;

    /**
     * @param pid         the codec's configuration PID, named in the log when a value is replaced
     * @param widestWidth the largest {@code maxWidth} the codec accepts
     */
    public static CaptureSettings checked(String pid, double jpegQuality, double maxWidth, double windowSeconds,
            int widestWidth) {
        return new CaptureSettings(
                (float) clamp(pid, "jpegQuality", jpegQuality, MIN_JPEG_QUALITY, MAX_JPEG_QUALITY),
                (int) clamp(pid, "maxWidth", maxWidth, MIN_MAX_WIDTH, widestWidth),
                clamp(pid, "windowSeconds", windowSeconds, MIN_WINDOW_SECONDS, MAX_WINDOW_SECONDS));
    }

    private static double clamp(String pid, String name, double value, double min, double max) {
        if (Double.isNaN(value)) {
            LOG.warn("{} of {} is not a number; using {}", name, pid, min);
            return min;
        }
        double clamped = Math.max(min, Math.min(max, value));
        if (clamped != value) {
            LOG.warn("{}={} of {} is outside {}..{}; using {}", name, value, pid, min, max, clamped);
        }
        return clamped;
    }

    /** Refuses positions that are not a number of seconds {@code >= 0}, before any file is opened. */
    public static void checkPositions(List<Double> positionsSeconds) {
        for (Double position : positionsSeconds) {
            if (position == null || position.isNaN() || position.isInfinite() || position < 0) {
                throw new IllegalArgumentException("a position must be a number of seconds >= 0, not " + position);
            }
        }
    }

    /** ImageIO and AWT must never look for a display on a home server; call before AWT first loads. */
    public static void useHeadlessAwt() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }
}
