package org.giggityflix.peer.api;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * {@code PeerIdentity} is responsible for saying who this peer is and where it keeps its memory.
 *
 * <p>Published once the peer id is known (PEER_ID, or generated once and kept under DATA_DIR).
 * Components that store anything put it under {@link #dataDir()}.
 */
@ProviderType
public interface PeerIdentity {

    /** The id the Edge knows this peer by; stable across restarts. */
    String peerId();

    /** DATA_DIR: the folder holding the catalog database, the peer id, trash and caches. Exists. */
    Path dataDir();
}
