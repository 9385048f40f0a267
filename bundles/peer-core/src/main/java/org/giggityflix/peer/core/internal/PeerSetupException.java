package org.giggityflix.peer.core.internal;

/**
 * {@code PeerSetupException} is responsible for carrying a message that tells the owner why the peer's identity
 * could not be set up and which setting to change.
 */
class PeerSetupException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    PeerSetupException(String message) {
        super(message);
    }

    PeerSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
