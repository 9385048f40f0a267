package org.giggityflix.peer.scanner.internal;

import java.util.List;
import java.util.Set;

import org.giggityflix.peer.api.catalog.KnownFile;

/**
 * {@code WorkItem} is responsible for describing what the hashing stage must do with one file after the walk.
 *
 * @param kind         what to do
 * @param file         the file as walked
 * @param luid         its catalog row, or -1 for {@link Kind#MATCH_OR_ADD} (not cataloged yet)
 * @param candidates   vanished rows of the same size it may be a move of ({@link Kind#MATCH_OR_ADD} only)
 * @param algorithms   the digests to compute (empty: none needed, only the status)
 * @param probeWanted  metadata extraction is on and a probe handles the file's extension
 */
record WorkItem(Kind kind, FoundFile file, long luid, List<KnownFile> candidates, Set<String> algorithms,
                boolean probeWanted) {

    enum Kind {
        /** New or changed content: compute every configured digest, replacing stored ones. */
        HASH,
        /** A file not in the catalog yet that may be one of {@code candidates} moved; decided by its digests. */
        MATCH_OR_ADD,
        /** Hashes are complete; only metadata is missing. */
        PROBE_ONLY
    }

    WorkItem {
        candidates = List.copyOf(candidates);
        algorithms = Set.copyOf(algorithms);
    }

    boolean reads() {
        return kind != Kind.PROBE_ONLY && !algorithms.isEmpty();
    }
}
