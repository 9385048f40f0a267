package org.giggityflix.peer.testsupport;

import java.nio.file.Path;

import org.giggityflix.peer.api.catalog.MediaCatalog;

/**
 * {@code InMemoryCatalogContractTest} is responsible for holding the in-memory test catalog to the contract the SQLite
 * catalog is held to ({@link MediaCatalogContract}), so that tests written against it test what the peer does.
 */
class InMemoryCatalogContractTest extends MediaCatalogContract {

    @Override
    protected MediaCatalog open(Path dir) {
        return new InMemoryCatalog();
    }
}
