package org.giggityflix.peer.api.catalog;

/** Where a cataloged file is in its life. */
public enum MediaStatus {
    /** Found, not yet hashed/probed (or changed since). */
    PENDING,
    /** Being hashed or probed right now. */
    PROCESSING,
    /** Hashed (and probed when metadata extraction is on). */
    READY,
    /** Could not be read or decoded; {@link MediaFile#error()} says why. */
    ERROR,
    /** Gone from disk; the row is kept as history (hashes, catalog id). */
    DELETED
}
