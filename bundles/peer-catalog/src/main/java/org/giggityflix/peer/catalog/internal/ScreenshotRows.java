package org.giggityflix.peer.catalog.internal;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

import org.giggityflix.peer.api.catalog.CachedScreenshot;

/**
 * {@code ScreenshotRows} is responsible for the mapping between a {@code screenshots} row and a
 * {@link CachedScreenshot}, and for the statements on that table.
 */
final class ScreenshotRows {

    static final String SELECT = "SELECT luid, position, frame_position, path, size, width, height, created,"
            + " last_used FROM screenshots ";
    static final String OF_FILE = SELECT + "WHERE luid = ? ORDER BY position";
    static final String LEAST_RECENTLY_USED_FIRST = SELECT + "ORDER BY last_used, luid, position";
    static final String TOTAL_SIZE = "SELECT coalesce(sum(size), 0) FROM screenshots";
    private static final String UPSERT = "INSERT INTO screenshots (luid, position, frame_position, path, size,"
            + " width, height, created, last_used) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (luid, position) DO UPDATE SET frame_position = excluded.frame_position,"
            + " path = excluded.path, size = excluded.size, width = excluded.width, height = excluded.height,"
            + " created = excluded.created, last_used = excluded.last_used";
    private static final String TOUCH = "UPDATE screenshots SET last_used = ? WHERE luid = ? AND position = ?";
    private static final String REMOVE = "DELETE FROM screenshots WHERE luid = ? AND position = ?";

    private ScreenshotRows() {
    }

    static CachedScreenshot read(ResultSet rs) throws SQLException {
        return new CachedScreenshot(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), Path.of(rs.getString(4)),
                rs.getLong(5), rs.getInt(6), rs.getInt(7), MediaRows.instant(rs.getLong(8)),
                MediaRows.instant(rs.getLong(9)));
    }

    /** Rows naming a luid the catalog does not hold fail on the foreign key, and the whole call is undone. */
    static int put(Statements db, Collection<CachedScreenshot> rows) throws SQLException {
        for (CachedScreenshot row : rows) {
            db.update(UPSERT, row.luid(), row.positionSeconds(), row.frameSeconds(), MediaRows.key(row.path()),
                    row.size(), row.width(), row.height(), MediaRows.nanos(row.created()),
                    MediaRows.nanos(row.lastUsed()));
        }
        return rows.size();
    }

    static int touch(Statements db, Collection<CachedScreenshot> rows, long when) throws SQLException {
        int changed = 0;
        for (CachedScreenshot row : rows) {
            changed += db.update(TOUCH, when, row.luid(), row.positionSeconds());
        }
        return changed;
    }

    static int remove(Statements db, Collection<CachedScreenshot> rows) throws SQLException {
        int removed = 0;
        for (CachedScreenshot row : rows) {
            removed += db.update(REMOVE, row.luid(), row.positionSeconds());
        }
        return removed;
    }

    static List<CachedScreenshot> copy(Collection<CachedScreenshot> rows) {
        return rows == null ? List.of() : List.copyOf(rows);
    }
}
