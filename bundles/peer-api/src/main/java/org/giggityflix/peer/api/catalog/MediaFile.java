package org.giggityflix.peer.api.catalog;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * One cataloged file, as the catalog holds it now. Immutable: a change is a new row value.
 *
 * @param luid         local id, assigned by the catalog, never reused; survives renames
 * @param catalogId    the Edge's id for this file, once the Edge has given one
 * @param path         absolute path on this machine
 * @param mediaRoot    the media dir the file was found under
 * @param relativePath path relative to {@code mediaRoot}, with '/' separators
 * @param size         size in bytes when last seen
 * @param modified     last-modified time when last seen
 * @param fileKey      file-system identity (device and inode) when the platform gives one; used to follow renames
 * @param status       where the file is in its life
 * @param error        why the status is {@link MediaStatus#ERROR}
 * @param metadata     what a probe learned, when it has run
 * @param discovered   when the peer first saw this file
 * @param updated      when this row last changed
 */
public record MediaFile(
        long luid,
        Optional<String> catalogId,
        Path path,
        Path mediaRoot,
        String relativePath,
        long size,
        Instant modified,
        Optional<String> fileKey,
        MediaStatus status,
        Optional<String> error,
        Optional<MediaMetadata> metadata,
        Instant discovered,
        Instant updated) {

    /** The file name without folders. */
    public String fileName() {
        Path name = path.getFileName();
        return name == null ? path.toString() : name.toString();
    }
}
