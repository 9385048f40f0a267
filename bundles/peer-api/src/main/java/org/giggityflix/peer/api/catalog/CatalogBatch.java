package org.giggityflix.peer.api.catalog;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The writes of one transaction, handed to {@link MediaCatalog.Work}. Everything done through one batch
 * commits together or not at all; listeners hear about it after the commit.
 */
@ProviderType
public interface CatalogBatch {

    /** Catalogs a new file as {@link MediaStatus#PENDING}. A path already held (even deleted) is revived instead. */
    MediaFile add(NewMediaFile file);

    /**
     * {@link #add} for each file, in order; the rows come back in the same order. An implementation may insert the
     * new paths in one statement: a first scan adds every file of a library.
     *
     * @since 1.5
     */
    default List<MediaFile> addAll(List<NewMediaFile> files) {
        List<MediaFile> rows = new ArrayList<>(files.size());
        for (NewMediaFile file : files) {
            rows.add(add(file));
        }
        return rows;
    }

    /** The file's size or mtime changed: stores them, drops hashes and metadata, sets {@link MediaStatus#PENDING}. */
    MediaFile changed(long luid, long size, Instant modified, Optional<String> fileKey);

    /** A rename or move: keeps luid, hashes, metadata and catalog id. */
    MediaFile moved(long luid, Path newPath, Path mediaRoot, String relativePath, Instant modified,
                    Optional<String> fileKey);

    /** The file left the disk; the row is kept with status {@link MediaStatus#DELETED}. */
    MediaFile deleted(long luid);

    /** Sets the status; {@code error} is kept only with {@link MediaStatus#ERROR}. */
    MediaFile status(long luid, MediaStatus status, Optional<String> error);

    /** Adds or replaces digests, keyed by algorithm name (lower case), values in lower-case hex. */
    MediaFile hashes(long luid, Map<String, String> digests);

    /**
     * {@link #status} without an error for each luid, in order; the rows come back in the same order (a scan marks
     * a whole window of files {@link MediaStatus#PROCESSING} at once). Listeners hear one change per row.
     *
     * @since 1.6
     */
    default List<MediaFile> statusAll(List<Long> luids, MediaStatus status) {
        List<MediaFile> rows = new ArrayList<>(luids.size());
        for (long luid : luids) {
            rows.add(status(luid, status, Optional.empty()));
        }
        return rows;
    }

    /**
     * {@link #hashes} then {@link #status} (without an error) for each entry, in the map's order; the rows come back
     * in that order, as they are after both (a scan stores a window's digests at once). Listeners hear at least one
     * change per row, the last with the row as it is after both.
     *
     * @since 1.6
     */
    default List<MediaFile> hashedAll(Map<Long, Map<String, String>> digests, MediaStatus status) {
        List<MediaFile> rows = new ArrayList<>(digests.size());
        for (Map.Entry<Long, Map<String, String>> entry : digests.entrySet()) {
            hashes(entry.getKey(), entry.getValue());
            rows.add(status(entry.getKey(), status, Optional.empty()));
        }
        return rows;
    }

    /** Stores probe results. */
    MediaFile metadata(long luid, MediaMetadata metadata);

    /** Stores the Edge's id for a file. */
    MediaFile catalogId(long luid, String catalogId);
}
