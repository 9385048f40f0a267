package org.giggityflix.peer.api.media;

import java.util.ArrayList;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * {@code ScreenshotService} is responsible for a cataloged file's screenshots: positions spread evenly over 5 %–95 %
 * of its duration, the sharpest frame near each from the best {@link ThumbnailProvider}, kept as JPEGs in a bounded
 * cache under DATA_DIR so that asking again for the same file and count reads them from disk.
 *
 * <p>The files a {@link ScreenshotSet} names stay on disk at least until the next request evicts them (least recently
 * used first); read them promptly.
 */
@ProviderType
public interface ScreenshotService {

    /** The fewest screenshots one request may ask for. */
    int MIN_COUNT = 1;

    /** The most screenshots one request may ask for. */
    int MAX_COUNT = 50;

    /**
     * Captures (or reuses from the cache) {@code count} screenshots of the file with local id {@code luid}.
     *
     * @throws ScreenshotException with a {@link ScreenshotException.Reason} saying what went wrong (bad count, no such
     *                             file, file gone, no provider for its format, unknown duration, capture failed)
     */
    ScreenshotSet screenshots(long luid, int count) throws ScreenshotException;

    /**
     * The positions (seconds, whole milliseconds) a request for {@code count} screenshots of a file lasting
     * {@code durationSeconds} uses: the centres of {@code count} equal slices of 5 %–95 % of the duration.
     */
    static List<Double> positions(double durationSeconds, int count) {
        List<Double> positions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // Centres of count equal slices of 5 %..95 %: evenly spread, never on the first or last frames.
            // Whole milliseconds: the same request always names the same positions, and they print well.
            double fraction = 0.05 + 0.90 * (i + 0.5) / count;
            positions.add(Math.round(durationSeconds * fraction * 1000) / 1000.0);
        }
        return positions;
    }
}
