package org.giggityflix.peer.media.y4m.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code CaptureSettings} is responsible for the checked capture settings: out-of-range values are logged and
 * replaced by the nearest valid one.
 *
 * @param jpegQuality   0.05–1.0
 * @param maxWidth      0 (keep) to 3840
 * @param windowSeconds 0.04–10
 */
record CaptureSettings(float jpegQuality, int maxWidth, double windowSeconds) {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureSettings.class);

    static final CaptureSettings DEFAULTS = new CaptureSettings(0.9f, 0, 1.0);

    static CaptureSettings from(Y4mConfig config) {
        return new CaptureSettings(
                (float) clamp("jpegQuality", config.jpegQuality(), 0.05, 1.0),
                (int) clamp("maxWidth", config.maxWidth(), 0, 3840),
                clamp("windowSeconds", config.windowSeconds(), 0.04, 10));
    }

    private static double clamp(String name, double value, double min, double max) {
        if (Double.isNaN(value) || value < min || value > max) {
            double fixed = Double.isNaN(value) ? min : Math.max(min, Math.min(max, value));
            LOG.warn("y4m setting {}={} is outside {}..{}; using {}", name, value, min, max, fixed);
            return fixed;
        }
        return value;
    }
}
