package org.giggityflix.peer.catalog.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.giggityflix.peer.api.catalog.EdgeCatalog;
import org.giggityflix.peer.api.catalog.EdgeCatalog.RemapResult;
import org.giggityflix.peer.api.catalog.UncatalogedFile;

/**
 * {@code CatalogIds} is responsible for the {@link EdgeCatalog} half of the catalog: counting and paging the rows that
 * wait for the Edge's catalog id, storing the ids the Edge hands out by the thousand in one statement, and the Edge's
 * remaps, on the catalog's own writer and read pool.
 */
final class CatalogIds {

    static final String COUNT_WITHOUT_CATALOG_ID =
            "SELECT count(*) FROM media_files WHERE catalog_id IS NULL AND status <> 'DELETED'";
    /** A page after a luid: a range of the {@code catalog_id} index (its NULL entries are in luid order). */
    static final String WITHOUT_CATALOG_ID_AFTER = "SELECT luid, relative_path, size FROM media_files"
            + " WHERE catalog_id IS NULL AND status <> 'DELETED' AND luid > ? ORDER BY luid LIMIT ?";
    /**
     * Many catalog ids in one statement: a JSON object {@code {"luid": "catalog id", ...}}; a row that would take an
     * id another row holds is skipped (OR IGNORE), an unknown luid matches nothing.
     */
    static final String STORE_CATALOG_IDS = "UPDATE OR IGNORE media_files SET catalog_id = ids.value, updated = ?"
            + " FROM json_each(CAST(? AS TEXT)) AS ids WHERE media_files.luid = CAST(ids.key AS INTEGER)"
            + " AND ids.type = 'text' AND trim(ids.value) <> ''";

    private final Writer writer;
    private final ReadPool readers;
    private final Clock clock;

    CatalogIds(Writer writer, ReadPool readers, Clock clock) {
        this.writer = writer;
        this.readers = readers;
        this.clock = clock;
    }

    long countUncataloged() {
        return readers.read(db -> db.queryLong(COUNT_WITHOUT_CATALOG_ID));
    }

    /** Three columns, no paths parsed: a quarter of the time of whole rows (100,000 are offered on a first link). */
    List<UncatalogedFile> uncatalogedAfter(long afterLuid, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        // getBytes: the driver's getString copies each text twice more on its way to a String.
        return readers.read(db -> db.queryAll(WITHOUT_CATALOG_ID_AFTER, rs -> new UncatalogedFile(rs.getLong(1),
                new String(rs.getBytes(2), StandardCharsets.UTF_8), rs.getLong(3)), afterLuid, limit));
    }

    /**
     * One durable transaction and one statement for all of them (the Edge answers thousands at once), instead of a
     * read, a check and a write per id; listeners are not told (see {@link EdgeCatalog#storeCatalogIds}). The ids go
     * to SQLite as one UTF-8 JSON object, written straight into bytes.
     */
    int store(Map<Long, String> catalogIds) {
        if (catalogIds.isEmpty()) {
            return 0;
        }
        JsonBytes json = new JsonBytes(catalogIds.size() * 24 + 2);
        json.put('{');
        for (Map.Entry<Long, String> entry : catalogIds.entrySet()) {
            if (entry.getValue() == null) {
                continue;
            }
            if (json.size() > 1) {
                json.put(',');
            }
            json.put('"').putLong(entry.getKey()).put('"').put(':').putString(entry.getValue());
        }
        byte[] ids = json.put('}').toArray();
        long now = MediaRows.nanos(clock.instant());
        return writer.transact(batch -> batch.statements(db -> db.update(STORE_CATALOG_IDS, now, ids)));
    }

    RemapResult remap(String oldCatalogId, String newCatalogId) {
        return writer.transact(batch -> batch.remap(oldCatalogId, newCatalogId));
    }
}
