package org.giggityflix.peer.api.edge;

/**
 * {@code EdgeCounters} is responsible for the link's totals since the component started (they survive
 * reconnects).
 *
 * @param messagesIn      messages received from the Edge
 * @param messagesOut     messages sent to the Edge
 * @param filesOffered    files offered to the Edge (each file counted once per offer)
 * @param filesCataloged  files the Edge gave a catalog id
 * @param requestsRefused Edge requests answered with an error (permission, unknown id, malformed, busy)
 */
public record EdgeCounters(long messagesIn, long messagesOut, long filesOffered, long filesCataloged,
                           long requestsRefused) {
}
