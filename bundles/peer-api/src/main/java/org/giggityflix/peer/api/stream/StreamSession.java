package org.giggityflix.peer.api.stream;

import java.time.Instant;

/**
 * A running delivery of one file to one viewer.
 *
 * @param id        unique within its transport
 * @param transport the {@link StreamingTransport#name()} serving it
 * @param luid      the cataloged file
 * @param started   when it began
 * @param state     transport-specific state, for people
 */
public record StreamSession(String id, String transport, long luid, Instant started, String state) {
}
