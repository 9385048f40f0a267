package org.giggityflix.peer.api.catalog;

import java.util.Objects;

/**
 * {@code UncatalogedFile} is responsible for carrying what an offer to the Edge needs of a row that has no catalog
 * id yet: its luid (the cursor of {@link EdgeCatalog#uncatalogedAfter}), the relative path the Edge sees and echoes,
 * and the size. Three columns instead of a whole {@link MediaFile}, for libraries offered by the hundred thousand.
 *
 * @param luid         the row's local id
 * @param relativePath path below its media root, as offered
 * @param size         size in bytes
 * @since 1.4
 */
public record UncatalogedFile(long luid, String relativePath, long size) {

    public UncatalogedFile {
        Objects.requireNonNull(relativePath, "relativePath");
    }

    /** The same columns of a whole row. */
    public static UncatalogedFile of(MediaFile file) {
        return new UncatalogedFile(file.luid(), file.relativePath(), file.size());
    }
}
