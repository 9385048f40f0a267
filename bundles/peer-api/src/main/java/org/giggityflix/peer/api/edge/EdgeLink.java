package org.giggityflix.peer.api.edge;

import org.osgi.annotation.versioning.ProviderType;

/**
 * {@code EdgeLink} is responsible for telling and steering the peer's one link to its Edge server.
 *
 * <p>Published with the service properties {@link #STATE_PROPERTY} and {@link #ADDRESS_PROPERTY}, kept current as
 * the link changes, so a shell or UI can show the state without calling the service.
 */
@ProviderType
public interface EdgeLink {

    /** Service property: the {@link EdgeState} name. */
    String STATE_PROPERTY = "edge.state";

    /** Service property: the Edge's {@code host:port}. */
    String ADDRESS_PROPERTY = "edge.address";

    /** The link right now. */
    EdgeStatus status();

    default EdgeState state() {
        return status().state();
    }

    default String address() {
        return status().address();
    }

    /** Drops the current link (if any) and dials again now, with a fresh attempt count (also after GAVE_UP). */
    void reconnect();

    /** Closes the link and stays {@link EdgeState#DISCONNECTED} until {@link #reconnect()} or a config change. */
    void disconnect();
}
