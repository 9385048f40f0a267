package org.giggityflix.peer.api.catalog;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code KnownFile} is responsible for carrying the few columns of a catalog row that a rescan compares with the
 * disk: enough to tell unchanged, changed, moved and gone files apart without loading whole {@link MediaFile}s.
 *
 * @param luid     the row's local id
 * @param path     absolute path
 * @param size     size in bytes when last seen
 * @param modified modification time when last seen
 * @param fileKey  the file system's identity of the file (inode), when known
 * @param status   the row's status
 * @param probed   whether the row holds probe metadata
 */
public record KnownFile(long luid, Path path, long size, Instant modified, Optional<String> fileKey,
                        MediaStatus status, boolean probed) {

    public KnownFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(modified, "modified");
        Objects.requireNonNull(fileKey, "fileKey");
        Objects.requireNonNull(status, "status");
    }

    /** The same columns of a whole row. */
    public static KnownFile of(MediaFile row) {
        return new KnownFile(row.luid(), row.path(), row.size(), row.modified(), row.fileKey(), row.status(),
                row.metadata().isPresent());
    }
}
