package org.giggityflix.peer.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code PeerConfig} is responsible for describing the identity settings (PID {@code org.giggityflix.peer}) to
 * ConfigAdmin, {@code config:edit} and the web UI.
 */
@ObjectClassDefinition(
        name = "Giggityflix Peer",
        description = "Who this peer is and where it keeps its data. A change re-creates the identity, "
                + "so every component that uses it restarts.")
public @interface PeerConfig {

    @AttributeDefinition(
            name = "Peer id",
            description = "The id the Edge knows this peer by (env PEER_ID). Empty: use the generated id.",
            required = false)
    String peerId() default "";

    @AttributeDefinition(
            name = "Generate the peer id",
            description = "Without a peer id, generate one once and keep it in DATA_DIR/peer-id "
                    + "(env AUTO_GENERATE_ID).")
    boolean autoGenerateId() default true;

    @AttributeDefinition(
            name = "Data folder",
            description = "DATA_DIR: holds the catalog database, the peer id, trash and caches. "
                    + "A leading ~ and ${system.property} are expanded.")
    String dataDir() default CoreConstants.DEFAULT_DATA_DIR;
}
