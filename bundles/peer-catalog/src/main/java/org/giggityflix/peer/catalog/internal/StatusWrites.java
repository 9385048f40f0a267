package org.giggityflix.peer.catalog.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.giggityflix.peer.api.catalog.CatalogChange.Kind;
import org.giggityflix.peer.api.catalog.CatalogException;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaStatus;

/**
 * {@code StatusWrites} is responsible for a row's status and digests inside one transaction: one row, or many in
 * one UPDATE for a JSON array of luids and one upsert of every digest; a luid without a row fails the whole write,
 * an algorithm without a name or a digest that is not hex too (nothing of it is kept).
 */
final class StatusWrites {

    /** {@link #statusAll} and {@link #hashedAll}: one UPDATE for a JSON array of luids. */
    private static final String STATUS_ALL = "UPDATE media_files SET status = ?1, error = NULL, updated = ?2"
            + " WHERE luid IN (SELECT value FROM json_each(?3))";
    private static final String UPSERT_HASHES = "INSERT INTO hashes (luid, algorithm, value)"
            + " SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(CAST(? AS TEXT)) WHERE true"
            + " ON CONFLICT (luid, algorithm) DO UPDATE SET value = excluded.value";
    private static final String ROWS_OF = MediaRows.SELECT + "WHERE luid IN (SELECT value FROM json_each(?))";
    private static final String STATUS = "UPDATE media_files SET status = ?, error = ?, updated = ? WHERE luid = ?";
    private static final String TOUCH = "UPDATE media_files SET updated = ? WHERE luid = ?";
    private static final String UPSERT_HASH = "INSERT INTO hashes (luid, algorithm, value) VALUES (?, ?, ?)"
            + " ON CONFLICT (luid, algorithm) DO UPDATE SET value = excluded.value";
    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

    private final BatchRows batch;
    private final Statements db;

    StatusWrites(BatchRows batch) {
        this.batch = batch;
        this.db = batch.db();
    }

    /** Marks the row deleted; a row deleted already is left as it is and not reported. */
    MediaFile deleted(long luid) throws SQLException {
        MediaFile before = batch.existing(luid);
        if (before.status() == MediaStatus.DELETED) {
            return before;
        }
        db.update(STATUS, MediaStatus.DELETED.name(), null, batch.now(), luid);
        return batch.record(Kind.DELETED, luid);
    }

    /** Any status but {@code DELETED}; the error is kept only with {@code ERROR}. */
    MediaFile status(long luid, MediaStatus status, String error) throws SQLException {
        // The update count says whether the row exists: no read before the write (a scan makes two per file).
        // (UPDATE ... RETURNING instead of the read after it measured slower with this driver: bench/README.md.)
        if (db.update(STATUS, status.name(), status == MediaStatus.ERROR ? error : null, batch.now(), luid) == 0) {
            throw BatchRows.noRow(luid);
        }
        return batch.record(Kind.UPDATED, luid);
    }

    MediaFile hashes(long luid, Map<String, String> digests) throws SQLException {
        if (digests.isEmpty()) {
            return batch.existing(luid);
        }
        // Touching first tells whether the row exists, without a read; a bad digest below rolls it all back.
        if (db.update(TOUCH, batch.now(), luid) == 0) {
            throw BatchRows.noRow(luid);
        }
        for (Map.Entry<String, String> digest : digests.entrySet()) {
            String algorithm = algorithm(luid, digest.getKey());
            db.update(UPSERT_HASH, luid, algorithm, hex(luid, algorithm, digest.getValue()));
        }
        return batch.record(Kind.UPDATED, luid);
    }

    /** One UPDATE for all rows, then one read of them (not for {@code DELETED} or {@code ERROR}). */
    List<MediaFile> statusAll(List<Long> luids, MediaStatus status) throws SQLException {
        String ids = luidArray(luids);
        setStatus(luids, status, ids);
        return recordAll(luids, ids);
    }

    /** One UPDATE for the statuses, one upsert for every digest, one read of the rows. */
    List<MediaFile> hashedAll(Map<Long, Map<String, String>> digests, MediaStatus status) throws SQLException {
        List<Long> luids = new ArrayList<>(digests.keySet());
        String ids = luidArray(luids);
        JsonBytes values = new JsonBytes(digests.size() * 120).put('[');
        for (Map.Entry<Long, Map<String, String>> entry : digests.entrySet()) {
            long luid = entry.getKey();
            for (Map.Entry<String, String> digest : entry.getValue().entrySet()) {
                String algorithm = algorithm(luid, digest.getKey());
                if (values.size() > 1) {
                    values.put(',');
                }
                values.put('[').putLong(luid).put(',').putString(algorithm).put(',')
                        .putString(hex(luid, algorithm, digest.getValue())).put(']');
            }
        }
        // The rows first: their count tells that every luid exists before any digest refers to it.
        setStatus(luids, status, ids);
        if (values.size() > 1) {
            db.update(UPSERT_HASHES, values.put(']').toArray());
        }
        return recordAll(luids, ids);
    }

    private void setStatus(List<Long> luids, MediaStatus status, String ids) throws SQLException {
        int updated = db.update(STATUS_ALL, status.name(), batch.now(), ids);
        long distinct = luids.stream().distinct().count();
        if (updated != distinct) {
            for (long luid : luids) {
                batch.existing(luid); // throws for the first luid without a row
            }
            throw new CatalogException("catalog rows changed while being written: " + luids);
        }
    }

    /** Reads the rows once and records one change per luid, in the caller's order. */
    private List<MediaFile> recordAll(List<Long> luids, String ids) throws SQLException {
        Map<Long, MediaFile> byLuid = new HashMap<>(luids.size() * 4 / 3 + 1);
        db.queryAll(ROWS_OF, rs -> byLuid.put(rs.getLong(1), MediaRows.read(rs)), ids);
        List<MediaFile> rows = new ArrayList<>(luids.size());
        for (long luid : luids) {
            MediaFile row = byLuid.get(luid);
            if (row == null) {
                throw BatchRows.noRow(luid);
            }
            rows.add(batch.record(Kind.UPDATED, row));
        }
        return rows;
    }

    private static String luidArray(List<Long> luids) {
        StringBuilder ids = new StringBuilder(luids.size() * 8 + 2).append('[');
        for (Long luid : luids) {
            if (ids.length() > 1) {
                ids.append(',');
            }
            ids.append(Objects.requireNonNull(luid, "luid").longValue());
        }
        return ids.append(']').toString();
    }

    private static String algorithm(long luid, String name) {
        if (name == null || name.isBlank()) {
            throw new CatalogException("a digest for luid " + luid + " has no algorithm name");
        }
        return name.strip().toLowerCase(Locale.ROOT);
    }

    private static String hex(long luid, String algorithm, String value) {
        String hex = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (!HEX.matcher(hex).matches()) {
            throw new CatalogException("the " + algorithm + " digest for luid " + luid + " is not hex: '" + value
                    + "'");
        }
        return hex;
    }
}
