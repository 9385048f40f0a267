package org.giggityflix.peer.api.media;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * {@code ThumbnailProvider} is responsible for capturing frames of a media file, choosing the sharpest frame near
 * each requested position. Service ranking picks between providers handling the same extension.
 */
@ConsumerType
public interface ThumbnailProvider {

    /** Lower-case extensions this provider handles, with the dot. */
    Set<String> extensions();

    /** One thumbnail per position (seconds), in order. */
    List<Thumbnail> capture(Path file, List<Double> positionsSeconds) throws IOException;
}
