/**
 * The catalog: what the peer knows about the files in its media folders.
 *
 * <p>2.0: the Edge link's needs (rows without a catalog id, storing and remapping ids) moved from
 * {@link org.giggityflix.peer.api.catalog.MediaCatalog} to {@link org.giggityflix.peer.api.catalog.EdgeCatalog};
 * {@code MediaCatalog} lost {@code listWithoutCatalogId} and its default methods (slow fallbacks for test doubles).
 *
 * <p>2.1: {@link org.giggityflix.peer.api.catalog.MediaQuery} carries the library's order
 * ({@link org.giggityflix.peer.api.catalog.MediaQuery.Sort}, descending) and defines its filter and order.
 *
 * <p>2.2: {@link org.giggityflix.peer.api.catalog.MediaCatalog#forEachKnownUnderRoot} streams the rows a rescan
 * compares with the disk.
 */
@org.osgi.annotation.versioning.Version("2.2.0")
package org.giggityflix.peer.api.catalog;
