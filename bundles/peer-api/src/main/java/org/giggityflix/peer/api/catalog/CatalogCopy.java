package org.giggityflix.peer.api.catalog;

import java.nio.file.Path;

/**
 * A consistent copy of the catalog database, written by {@link CatalogBackup#copyTo}.
 *
 * @param file          the copy: a complete SQLite database that passed {@code PRAGMA integrity_check}
 * @param schemaVersion the catalog's schema version ({@code PRAGMA user_version}) in the copy
 * @param mediaFiles    rows of files in the copy, deleted ones included
 * @param bytes         size of the copy
 */
public record CatalogCopy(Path file, int schemaVersion, long mediaFiles, long bytes) {
}
