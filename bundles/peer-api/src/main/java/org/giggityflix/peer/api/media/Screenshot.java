package org.giggityflix.peer.api.media;

import java.nio.file.Path;

/**
 * One cached screenshot of a file.
 *
 * @param index           0-based place in its set (the Edge's {@code file<index>})
 * @param positionSeconds the requested position, seconds
 * @param frameSeconds    where the chosen (sharpest) frame actually is, seconds
 * @param width           pixels
 * @param height          pixels
 * @param size            bytes of the JPEG file
 * @param path            the JPEG file in the cache
 */
public record Screenshot(int index, double positionSeconds, double frameSeconds, int width, int height, long size,
                         Path path) {
}
