package org.giggityflix.peer.catalog.internal;

import java.sql.SQLException;
import java.util.Optional;

import org.giggityflix.peer.api.catalog.CatalogChange.Kind;
import org.giggityflix.peer.api.catalog.CatalogException;
import org.giggityflix.peer.api.catalog.EdgeCatalog.RemapResult;
import org.giggityflix.peer.api.catalog.MediaFile;

/**
 * {@code CatalogIdWrites} is responsible for the Edge's catalog ids inside one transaction: giving a row its id
 * (the id it holds already changes nothing; an id another row holds is refused) and remapping an id to another.
 */
final class CatalogIdWrites {

    private static final String HOLDER_OF_CATALOG_ID = "SELECT luid FROM media_files WHERE catalog_id = ?";
    private static final String SET_CATALOG_ID = "UPDATE media_files SET catalog_id = ?, updated = ? WHERE luid = ?";

    private final BatchRows batch;
    private final Statements db;

    CatalogIdWrites(BatchRows batch) {
        this.batch = batch;
        this.db = batch.db();
    }

    MediaFile catalogId(long luid, String catalogId) throws SQLException {
        MediaFile before = batch.existing(luid);
        String id = catalogIdArgument(catalogId);
        Optional<Long> holder = holderOf(id);
        if (holder.isPresent() && holder.get() == luid) {
            return before;
        }
        if (holder.isPresent()) {
            throw new CatalogException("catalog id '" + id + "' is already held by luid " + holder.get()
                    + "; cannot give it to luid " + luid);
        }
        db.update(SET_CATALOG_ID, id, batch.now(), luid);
        return batch.record(Kind.UPDATED, luid);
    }

    /** {@link org.giggityflix.peer.api.catalog.EdgeCatalog#remapCatalogId}. */
    RemapResult remap(String oldCatalogId, String newCatalogId) throws SQLException {
        String newId = catalogIdArgument(newCatalogId);
        Optional<Long> holder = holderOf(catalogIdArgument(oldCatalogId));
        if (holder.isEmpty()) {
            return RemapResult.UNKNOWN_OLD_ID;
        }
        Optional<Long> newHolder = holderOf(newId);
        if (newHolder.isPresent()) {
            // Remapping an id onto itself changes nothing and is not a conflict.
            return newHolder.equals(holder) ? RemapResult.REMAPPED : RemapResult.NEW_ID_IN_USE;
        }
        db.update(SET_CATALOG_ID, newId, batch.now(), holder.get());
        batch.record(Kind.UPDATED, holder.get());
        return RemapResult.REMAPPED;
    }

    private Optional<Long> holderOf(String catalogId) throws SQLException {
        return db.queryOne(HOLDER_OF_CATALOG_ID, rs -> rs.getLong(1), catalogId);
    }

    private static String catalogIdArgument(String catalogId) {
        if (catalogId == null || catalogId.isBlank()) {
            throw new CatalogException("a catalog id must not be empty");
        }
        return catalogId;
    }
}
