package org.giggityflix.peer.api.catalog;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A file the scanner found that the catalog does not hold yet.
 *
 * @param path         absolute path
 * @param mediaRoot    the media dir it was found under
 * @param relativePath relative to {@code mediaRoot}, '/' separated
 * @param size         bytes
 * @param modified     last-modified time
 * @param fileKey      device and inode, when known
 */
public record NewMediaFile(Path path, Path mediaRoot, String relativePath, long size, Instant modified,
                           Optional<String> fileKey) {
}
