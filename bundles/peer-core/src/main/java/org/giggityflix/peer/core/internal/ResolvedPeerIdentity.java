package org.giggityflix.peer.core.internal;

import java.nio.file.Path;

import org.giggityflix.peer.api.PeerIdentity;

/**
 * {@code ResolvedPeerIdentity} is responsible for holding the outcome of {@link PeerIdentityResolver}.
 *
 * @param peerId    the id the Edge knows this peer by
 * @param dataDir   the existing, writable DATA_DIR
 * @param generated whether the id came from {@code DATA_DIR/peer-id} rather than PEER_ID
 */
record ResolvedPeerIdentity(String peerId, Path dataDir, boolean generated) implements PeerIdentity {
}
