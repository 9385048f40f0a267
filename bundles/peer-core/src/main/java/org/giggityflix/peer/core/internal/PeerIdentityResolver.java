package org.giggityflix.peer.core.internal;

import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * {@code PeerIdentityResolver} is responsible for deciding the peer id and DATA_DIR from the settings:
 * PEER_ID wins; otherwise, with AUTO_GENERATE_ID, an id generated once and kept in {@code DATA_DIR/peer-id}.
 */
final class PeerIdentityResolver {

    private final UnaryOperator<String> systemProperty;
    private final Supplier<String> idGenerator;

    PeerIdentityResolver(UnaryOperator<String> systemProperty, Supplier<String> idGenerator) {
        this.systemProperty = systemProperty;
        this.idGenerator = idGenerator;
    }

    /** The production resolver: real system properties and random UUIDs. */
    static PeerIdentityResolver standard() {
        return new PeerIdentityResolver(System::getProperty, () -> UUID.randomUUID().toString());
    }

    ResolvedPeerIdentity resolve(String peerId, boolean autoGenerateId, String dataDir) {
        Path dir = DataDirectory.prepare(DataDirectory.expand(dataDir, systemProperty));
        String given = peerId == null ? "" : peerId.strip();
        if (!given.isEmpty()) {
            return new ResolvedPeerIdentity(checked(given), dir, false);
        }
        PeerIdFile idFile = new PeerIdFile(dir);
        if (!autoGenerateId) {
            throw new PeerSetupException("No peer id: PEER_ID (peerId in " + CoreConstants.PEER_PID
                    + ") is not set and AUTO_GENERATE_ID (autoGenerateId) is false. Set PEER_ID, or set "
                    + "AUTO_GENERATE_ID=true to generate one and keep it in " + idFile.path());
        }
        return new ResolvedPeerIdentity(idFile.readOrCreate(idGenerator), dir, true);
    }

    private static String checked(String peerId) {
        String problem = PeerIds.problem(peerId);
        if (problem != null) {
            throw new PeerSetupException("PEER_ID (peerId in " + CoreConstants.PEER_PID + ") cannot be used: "
                    + problem);
        }
        return peerId;
    }
}
