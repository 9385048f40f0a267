package org.giggityflix.peer.edge.internal;

import java.nio.file.Path;
import java.util.Optional;

import org.giggityflix.peer.api.catalog.EdgeCatalog;
import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.edge.EdgeLink;
import org.giggityflix.peer.api.hash.FileHasher;

/**
 * {@code BenchEdgeSessions} is responsible for giving the benchmarks a real Edge link ({@link EdgeSession}, the
 * class the DS component runs) with default settings, through its package-private constructor.
 */
public final class BenchEdgeSessions {

    private BenchEdgeSessions() {
    }

    /**
     * A started session dialing {@code edgeAddress} as {@code peerId} over {@code catalog} (the SQLite catalog is
     * both the MediaCatalog and the EdgeCatalog); close it when done.
     */
    public static <C extends MediaCatalog & EdgeCatalog> Handle start(String edgeAddress, C catalog,
                                                                       FileHasher hasher, String peerId,
                                                                       Path dataDir) {
        EdgeSession session = new EdgeSession(EdgeSettings.defaults(edgeAddress), catalog, catalog, hasher, peerId,
                dataDir,
                Optional::empty, status -> { });
        session.start();
        return new Handle(session);
    }

    /** The running session, seen through its public face. */
    public static final class Handle implements AutoCloseable {
        private final EdgeSession session;

        private Handle(EdgeSession session) {
            this.session = session;
        }

        public EdgeLink link() {
            return session;
        }

        @Override
        public void close() {
            session.close();
        }
    }
}
