package org.giggityflix.peer.api.media;

import java.util.List;

/**
 * The screenshots one request got, in position order.
 *
 * @param luid        the file's local id
 * @param screenshots one per requested position
 * @param fromCache   true when every picture was already in the cache (nothing was decoded)
 */
public record ScreenshotSet(long luid, List<Screenshot> screenshots, boolean fromCache) {

    public ScreenshotSet {
        screenshots = List.copyOf(screenshots);
    }
}
