package org.giggityflix.peer.api.catalog;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * {@code CatalogBackup} is responsible for consistent copies of the catalog database while the peer runs: what a
 * backup archives. Published by the catalog beside {@link MediaCatalog}. Since catalog 1.9.
 *
 * <p>A copy is one moment of the catalog: writes that commit while it is made (a scan) are either all in it or not
 * at all, and they are not held up by it.
 */
@ProviderType
public interface CatalogBackup {

    /**
     * Writes a consistent copy of the catalog database to {@code target}, checked with SQLite's integrity check.
     *
     * @param target a file that does not exist yet, in an existing folder
     * @return what was copied
     * @throws CatalogException with the reason (disk full, folder not writable, target exists, ...) when no complete
     *                          copy could be written; nothing is left at {@code target} then
     */
    CatalogCopy copyTo(Path target);
}
