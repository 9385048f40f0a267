package org.giggityflix.peer.core.internal;

/**
 * {@code CoreConstants} is responsible for the names that more than one class of this bundle uses.
 */
final class CoreConstants {

    /** ConfigAdmin PID of the peer's identity settings. */
    static final String PEER_PID = "org.giggityflix.peer";

    /** File under DATA_DIR holding the generated peer id. */
    static final String PEER_ID_FILE = "peer-id";

    /** Default DATA_DIR; expanded by {@link DataDirectory#expand}. */
    static final String DEFAULT_DATA_DIR = "${user.home}/.giggityflix";

    private CoreConstants() {
    }
}
