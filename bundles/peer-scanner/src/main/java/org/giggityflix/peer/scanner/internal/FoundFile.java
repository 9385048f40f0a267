package org.giggityflix.peer.scanner.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.giggityflix.peer.api.catalog.NewMediaFile;

/**
 * {@code FoundFile} is responsible for carrying what the walk saw of one media file.
 *
 * @param path         absolute path as walked (symlinks kept, so it stays under its root)
 * @param root         the media root it was found under
 * @param relativePath relative to {@code root}, '/' separated
 * @param size         bytes
 * @param modified     last-modified time
 * @param fileKey      device and inode, when the platform gives them
 */
record FoundFile(Path path, Path root, String relativePath, long size, Instant modified, Optional<String> fileKey) {

    NewMediaFile toNew() {
        return new NewMediaFile(path, root, relativePath, size, modified, fileKey);
    }

    String extension() {
        Path name = path.getFileName();
        return name == null ? "" : PathRules.extensionOf(name.toString());
    }
}
