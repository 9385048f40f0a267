package org.giggityflix.peer.api.hash;

import java.util.Map;
import java.util.Set;

/**
 * Result of hashing: the digests that could be made and the names that could not.
 *
 * @param digests   algorithm to lower-case hex
 * @param unknown   requested names no installed provider offers (reported, never fatal)
 * @param bytesRead bytes read from disk to produce them (0 when all came from the catalog)
 */
public record FileHashes(Map<String, String> digests, Set<String> unknown, long bytesRead) {

    public FileHashes {
        digests = Map.copyOf(digests);
        unknown = Set.copyOf(unknown);
    }
}
