package org.giggityflix.peer.api.catalog;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * {@code EdgeCatalog} is responsible for what the Edge link needs of the catalog beyond reading files: which rows still
 * wait for the Edge's catalog id (counted, and paged by a luid cursor), storing the ids the Edge hands out by the
 * thousand, and the Edge's renames of its ids. Published by the catalog beside {@link MediaCatalog}, over the same
 * database; every method may throw {@link CatalogException}. Only the Edge link uses it.
 *
 * @since 2.0
 */
@ProviderType
public interface EdgeCatalog {

    /** How many rows have no catalog id yet and are not deleted (the Edge heartbeat reports it). */
    long countUncataloged();

    /**
     * The rows without a catalog id (and not deleted) whose luid is above {@code afterLuid}, in luid order, at most
     * {@code limit} of them, as the three columns an offer needs: a cursor, so that the next page can be read before
     * the previous one is answered (pass the last luid of a page to get the next; a page shorter than {@code limit}
     * is the last for now). Rows cataloged or added between two pages are seen as they are when the page is read.
     *
     * @throws IllegalArgumentException when {@code limit} is below 1
     */
    List<UncatalogedFile> uncatalogedAfter(long afterLuid, int limit);

    /**
     * Stores many of the Edge's catalog ids at once (luid to catalog id), skipping, without failing the others, a
     * luid the catalog does not hold, a blank id, and an id another row already holds. Durable like
     * {@link MediaCatalog#write}, in one transaction; {@link CatalogListener}s may not be told (the Edge link, which
     * stores them, knows).
     *
     * @return how many rows now hold the id given for them
     */
    int storeCatalogIds(Map<Long, String> catalogIds);

    /**
     * Gives the row holding {@code oldCatalogId} the id {@code newCatalogId}.
     *
     * @return what happened; nothing changes unless {@link RemapResult#REMAPPED}
     */
    RemapResult remapCatalogId(String oldCatalogId, String newCatalogId);

    /** Outcome of {@link #remapCatalogId}. */
    enum RemapResult { REMAPPED, UNKNOWN_OLD_ID, NEW_ID_IN_USE }
}
