package org.giggityflix.peer.backup.internal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code CatalogCheck} is responsible for judging a restored catalog file before it replaces anything: SQLite's
 * integrity check and whether this peer's catalog knows its schema version.
 */
@FunctionalInterface
interface CatalogCheck {

    Result check(Path catalogFile) throws IOException;

    /**
     * @param schemaVersion the file's {@code PRAGMA user_version} (-1 when it could not be read)
     * @param newestKnown   the newest schema version this peer's catalog migrates to
     * @param integrity     {@code ok}, or SQLite's complaint
     */
    record Result(int schemaVersion, int newestKnown, String integrity) {

        boolean intact() {
            return "ok".equals(integrity);
        }
    }
}
