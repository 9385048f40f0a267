package org.giggityflix.peer.edge.internal;

import java.time.Clock;
import java.util.function.Function;

import org.giggityflix.peer.api.catalog.EdgeCatalog;
import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaQuery;
import org.giggityflix.peer.proto.PeerHeartbeat;
import org.giggityflix.peer.proto.PeerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Heartbeat} is responsible for the heartbeat message that keeps the Edge from dropping a quiet peer: when
 * it was sent, files cataloged and not yet cataloged, requests in progress on the link and the peer's version — and
 * a bare heartbeat when the catalog cannot be read, so a failing catalog never silences the link.
 */
final class Heartbeat {

    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

    private final MediaCatalog catalog;
    private final EdgeCatalog edgeCatalog;
    private final Clock clock;
    private final Function<String, String> ids;

    /** @param ids a fresh request id of a kind ({@code hb}) */
    Heartbeat(MediaCatalog catalog, EdgeCatalog edgeCatalog, Clock clock, Function<String, String> ids) {
        this.catalog = catalog;
        this.edgeCatalog = edgeCatalog;
        this.clock = clock;
        this.ids = ids;
    }

    /** Sends one heartbeat on {@code to}. */
    void beat(Link to) {
        try {
            long held = catalog.count(MediaQuery.firstPage(1));
            long uncataloged = edgeCatalog.countUncataloged();
            to.send(PeerMessage.newBuilder().setRequestId(ids.apply("hb")).setHeartbeat(PeerHeartbeat.newBuilder()
                    .setSentAtUnixMs(clock.millis())
                    .setFilesCataloged(held - uncataloged)
                    .setFilesUncataloged(uncataloged)
                    .setRequestsInProgress(to.requestsInProgress())
                    .setPeerVersion(peerVersion())).build());
        } catch (RuntimeException e) {
            // A failing catalog must not stop the heartbeats that keep the link alive.
            LOG.warn("heartbeat status could not be read: {}", e.toString());
            to.send(PeerMessage.newBuilder().setRequestId(ids.apply("hb"))
                    .setHeartbeat(PeerHeartbeat.newBuilder().setSentAtUnixMs(clock.millis())).build());
        }
    }

    private static String peerVersion() {
        String version = Heartbeat.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
