package org.giggityflix.peer.api.edge;

import java.time.Instant;
import java.util.Optional;

/**
 * {@code EdgeStatus} is responsible for a snapshot of the link to the Edge, as {@code peer:status} shows it.
 *
 * @param state     where the link is
 * @param address   the Edge's {@code host:port}
 * @param since     when the link entered {@code state}
 * @param lastError the last failure or refusal, in words (with its meaning for an Edge refusal)
 * @param attempts  reconnect attempts made since the link was last up
 * @param counters  message and file totals
 * @param warning   what the owner should fix about the link even while it works (e.g. plaintext to another
 *                  machine), in words
 */
public record EdgeStatus(EdgeState state, String address, Instant since, Optional<String> lastError, int attempts,
                         EdgeCounters counters, Optional<String> warning) {

    /** A status with no warning. */
    public EdgeStatus(EdgeState state, String address, Instant since, Optional<String> lastError, int attempts,
                      EdgeCounters counters) {
        this(state, address, since, lastError, attempts, counters, Optional.empty());
    }
}
