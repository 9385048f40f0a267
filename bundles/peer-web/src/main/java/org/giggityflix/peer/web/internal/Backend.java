package org.giggityflix.peer.web.internal;

import java.util.List;
import java.util.Optional;

import org.giggityflix.peer.api.PeerIdentity;
import org.giggityflix.peer.api.backup.PeerBackup;
import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.edge.EdgeLink;
import org.giggityflix.peer.api.media.ScreenshotService;
import org.giggityflix.peer.api.scan.MediaScanner;
import org.giggityflix.peer.api.stream.StreamingTransport;
import org.giggityflix.peer.api.token.ApiTokens;
import org.giggityflix.peer.api.web.WebAccess;

/** {@code Backend} is responsible for handing the API the peer's services that are present right now. */
interface Backend {

    Optional<MediaCatalog> catalog();

    Optional<MediaScanner> scanner();

    Optional<PeerIdentity> identity();

    Optional<EdgeLink> edge();

    Optional<ScreenshotService> screenshots();

    List<StreamingTransport> transports();

    /** Ports, HTTPS certificate and faces (peer-web's own service; absent only in tests). */
    default Optional<WebAccess> webAccess() {
        return Optional.empty();
    }

    /** The owner's API tokens (peer-web's own service). */
    default Optional<ApiTokens> tokens() {
        return Optional.empty();
    }

    /** Backups of the whole peer (feature peer-backup). */
    default Optional<PeerBackup> backup() {
        return Optional.empty();
    }
}
