package org.giggityflix.peer.api.catalog;

/**
 * One committed change, as told to {@link CatalogListener}s.
 *
 * @param kind what happened
 * @param file the row after the change
 */
public record CatalogChange(Kind kind, MediaFile file) {

    /** What happened to a row. */
    public enum Kind {
        /** A new file was cataloged. */
        ADDED,
        /** Size or modification time changed; hashes and metadata were dropped. */
        CHANGED,
        /** Renamed or moved; luid, hashes and catalog id kept. */
        MOVED,
        /** Hashes, metadata, status or catalog id changed. */
        UPDATED,
        /** The file left the disk; the row stays as history. */
        DELETED
    }
}
