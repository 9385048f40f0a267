package org.giggityflix.peer.catalog.internal;

import java.nio.file.Path;

import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.testsupport.MediaCatalogContract;

/**
 * {@code SqliteCatalogContractTest} is responsible for holding the SQLite catalog, on a real file, to the behaviour
 * every {@link MediaCatalog} shares ({@link MediaCatalogContract}; the in-memory test catalog runs the same tests).
 */
class SqliteCatalogContractTest extends MediaCatalogContract {

    @Override
    protected MediaCatalog open(Path dir) {
        return TestDatabases.open(dir.resolve("catalog.db"));
    }

    @Override
    protected void close(MediaCatalog opened) {
        ((SqliteMediaCatalog) opened).close();
    }
}
