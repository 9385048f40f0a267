package org.giggityflix.peer.edge.internal;

import java.time.Duration;

/** {@code EdgeConstants} is responsible for the names and limits that more than one class of the Edge link uses. */
final class EdgeConstants {

    /** Configuration PID of the Edge link. */
    static final String PID = "org.giggityflix.peer.edge";

    /** Configuration PID of the unary WebRTC server (its own component: {@code WebRtcServerComponent}). */
    static final String WEBRTC_SERVER_PID = "org.giggityflix.peer.edge.webrtcserver";

    /** gRPC metadata key the Edge identifies a peer by. */
    static final String PEER_ID_METADATA = "peer_id";

    /** Offers are cut into messages below this size, well under gRPC's default 4 MiB limit. */
    static final int MAX_OFFER_BATCH_BYTES = 1024 * 1024 - 4096;

    /** Uncataloged files read from the catalog at a time; each page is one offer message (~0.1 MiB of paths). */
    static final int OFFER_PAGE = 2_500;

    /**
     * Files offered and not answered yet beyond which no further page is offered: with the transport's own
     * readiness, what keeps a slow Edge from being flooded while a few pages stay in flight.
     */
    static final int MAX_FILES_AWAITING = 4 * OFFER_PAGE;

    /** The longest wait between two reconnect attempts, whatever the back-off says. */
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    /** gRPC keepalive ping interval: the servers' default minimum, so no Edge answers with "too many pings". */
    static final Duration KEEPALIVE = Duration.ofMinutes(5);

    /** Folder under DATA_DIR where deleted files wait out their retention. */
    static final String TRASH_DIR = "trash";

    /** Edge requests waiting for a worker beyond this are answered BUSY instead of queued. */
    static final int REQUEST_QUEUE = 256;

    private EdgeConstants() {
    }
}
