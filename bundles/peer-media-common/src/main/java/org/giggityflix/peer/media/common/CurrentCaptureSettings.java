package org.giggityflix.peer.media.common;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code CurrentCaptureSettings} is responsible for the capture settings a codec's thumbnail provider uses now:
 * checked from its configuration, replaced whole when the configuration changes (so a capture in progress keeps one
 * consistent set) and said in the log, and handed to each capture once its positions are checked.
 */
public final class CurrentCaptureSettings {

    private static final Logger LOG = LoggerFactory.getLogger(CurrentCaptureSettings.class);

    private final String pid;
    private final int widestWidth;
    private volatile CaptureSettings settings;

    /**
     * @param pid         the codec's configuration PID, named in the log
     * @param widestWidth the largest {@code maxWidth} the codec accepts
     * @param initial     the settings until the first {@link #configure}
     */
    public CurrentCaptureSettings(String pid, int widestWidth, CaptureSettings initial) {
        this.pid = pid;
        this.widestWidth = widestWidth;
        this.settings = initial;
    }

    /** The settings of a configuration as read at activation: each value checked, none logged unless replaced. */
    public static CurrentCaptureSettings configured(String pid, int widestWidth, double jpegQuality, double maxWidth,
            double windowSeconds) {
        return new CurrentCaptureSettings(pid, widestWidth,
                CaptureSettings.checked(pid, jpegQuality, maxWidth, windowSeconds, widestWidth));
    }

    /** A changed configuration: its values checked and in force for every capture that starts from now on. */
    public void configure(double jpegQuality, double maxWidth, double windowSeconds) {
        settings = CaptureSettings.checked(pid, jpegQuality, maxWidth, windowSeconds, widestWidth);
        LOG.info("{}: thumbnail settings now {}", pid, settings);
    }

    /** Refuses positions that are not a number of seconds {@code >= 0}; else the settings the whole capture uses. */
    public CaptureSettings forCapture(List<Double> positionsSeconds) {
        CaptureSettings.checkPositions(positionsSeconds);
        return settings;
    }
}
