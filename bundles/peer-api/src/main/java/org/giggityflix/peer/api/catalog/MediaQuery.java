package org.giggityflix.peer.api.catalog;

import java.util.Optional;
import java.util.Set;

/**
 * A filter and page over the catalog, as {@code peer:media list} and the web UI ask for it.
 *
 * @param statuses only these statuses; empty means every status except {@link MediaStatus#DELETED}
 * @param text     case-insensitive substring of the relative path
 * @param offset   rows to skip (0 or more)
 * @param limit    rows at most (1 to {@link #MAX_LIMIT})
 */
public record MediaQuery(Set<MediaStatus> statuses, Optional<String> text, int offset, int limit) {

    /** The largest page a caller can ask for. */
    public static final int MAX_LIMIT = 10_000;

    public MediaQuery {
        statuses = Set.copyOf(statuses);
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be 0 or more, was " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }

    /** The first {@code limit} files that are not deleted. */
    public static MediaQuery firstPage(int limit) {
        return new MediaQuery(Set.of(), Optional.empty(), 0, limit);
    }
}
