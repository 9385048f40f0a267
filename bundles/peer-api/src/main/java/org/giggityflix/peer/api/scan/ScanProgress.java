package org.giggityflix.peer.api.scan;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Counters of a running scan, or the totals of a finished one.
 *
 * @param started      when the scan began
 * @param full         whether the incremental shortcut was ignored
 * @param filesSeen    media files walked over
 * @param filesNew     newly cataloged
 * @param filesChanged size or mtime differed
 * @param filesMoved   renamed or moved (luid kept)
 * @param filesGone    no longer on disk
 * @param filesFailed  could not be read
 * @param bytesHashed  bytes read for hashing so far
 * @param bytesToHash  bytes known to need hashing (grows while walking)
 * @param eta          estimated time left, once there is enough to estimate
 */
public record ScanProgress(
        Instant started,
        boolean full,
        long filesSeen,
        long filesNew,
        long filesChanged,
        long filesMoved,
        long filesGone,
        long filesFailed,
        long bytesHashed,
        long bytesToHash,
        Optional<Duration> eta) {
}
