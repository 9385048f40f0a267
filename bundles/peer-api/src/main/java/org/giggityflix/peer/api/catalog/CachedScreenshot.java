package org.giggityflix.peer.api.catalog;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One row of the catalog's screenshot cache index: a JPEG file under DATA_DIR that shows a file at a position.
 *
 * @param luid            the file shown
 * @param positionSeconds the requested position (the row's key with {@code luid})
 * @param frameSeconds    where the chosen frame actually is
 * @param path            the JPEG file, absolute
 * @param size            bytes of the JPEG file
 * @param width           pixels
 * @param height          pixels
 * @param created         when it was captured
 * @param lastUsed        when it was last handed out (least recently used is evicted first)
 */
public record CachedScreenshot(long luid, double positionSeconds, double frameSeconds, Path path, long size,
                               int width, int height, Instant created, Instant lastUsed) {
}
