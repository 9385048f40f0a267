package org.giggityflix.peer.catalog.internal;

import static org.giggityflix.peer.catalog.internal.BatchRows.lower;

import java.io.File;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.giggityflix.peer.api.catalog.CatalogChange.Kind;
import org.giggityflix.peer.api.catalog.CatalogException;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.catalog.NewMediaFile;

/**
 * {@code RowInserts} is responsible for adding files to the catalog inside one transaction: one file, or many in a
 * few multi-row INSERTs (a statement per row costs several times SQLite's own work through JDBC), each new row built
 * from the values inserted rather than read back, and a path the catalog already holds revived or left alone as
 * {@link SqliteCatalogBatch} describes.
 */
final class RowInserts {

    private static final String BY_PATH = MediaRows.SELECT + "WHERE path = ?";
    private static final String INSERT = "INSERT INTO media_files (path, media_root, relative_path,"
            + " relative_path_lower, size, mtime, file_key, status, discovered, updated)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?) ON CONFLICT (path) DO NOTHING";
    /**
     * New paths of an {@link #addAll}, up to {@link #ROWS_PER_INSERT} rows per statement: {@code ?1} is the time,
     * {@code ?2} the media root of the statement's first row and {@code ?3} that root followed by a separator, then
     * {@code path, media_root, relative_path, relative_path_lower, size, mtime, file_key} of each row, bound as
     * parameters (measured cheaper than one JSON array parsed by {@code json_each}: no text to build, none to parse).
     * A row's path, root and lower-case path are bound as NULL when they are {@code ?3 || relative_path}, {@code ?2}
     * and {@code relative_path} (nearly always): every text bound is encoded to UTF-8 and copied by the driver, and
     * those three were most of a first scan's binding. Rows are inserted in the order of the VALUES list; held paths
     * are skipped here and revived one by one.
     */
    private static final String INSERT_VALUES = "INSERT INTO media_files (path, media_root, relative_path,"
            + " relative_path_lower, size, mtime, file_key, status, discovered, updated) VALUES ";
    private static final String INSERT_VALUES_END = " ON CONFLICT (path) DO NOTHING";
    /** Parameters every row of {@link #INSERT_VALUES} shares: the time, the media root, the root and a separator. */
    private static final int SHARED_PARAMS = 3;
    /** Parameters of one row of {@link #INSERT_VALUES}, after the shared ones. */
    private static final int PARAMS_PER_ROW = 7;
    private static final String SEPARATOR = File.separator;
    /** Rows per statement of an {@link #addAll} (3,503 parameters; SQLite allows 32,766). */
    static final int ROWS_PER_INSERT = 500;
    /** The multi-row INSERT for each row count used (500, and powers of two for the rest: few statements cached). */
    private static final Map<Integer, String> INSERTS = inserts();
    /** After an {@link #addAll} insert that skipped a path: which paths it inserted, under which luid. */
    private static final String INSERTED_AFTER = "SELECT luid, path FROM media_files WHERE luid > ?";
    /** The highest luid ever given (AUTOINCREMENT: never reused), 0 for a new catalog. */
    private static final String LAST_LUID = "SELECT coalesce((SELECT seq FROM sqlite_sequence"
            + " WHERE name = 'media_files'), 0)";
    private static final String REVIVE = "UPDATE media_files SET media_root = ?, relative_path = ?,"
            + " relative_path_lower = ?, size = ?, mtime = ?, file_key = ?, status = ?, error = ?, updated = ?"
            + " WHERE luid = ?";

    private final BatchRows batch;
    private final Statements db;

    RowInserts(BatchRows batch) {
        this.batch = batch;
        this.db = batch.db();
    }

    /** Adds one file: a new path inserted, a held one revived (see {@link SqliteCatalogBatch}). */
    MediaFile add(NewMediaFile file) throws SQLException {
        Objects.requireNonNull(file, "file");
        // Inserting first: a new path (nearly every add of a scan) is not looked up, and its row is built from
        // the values just inserted rather than read back.
        Optional<MediaFile> inserted = insert(file);
        if (inserted.isPresent()) {
            return batch.record(Kind.ADDED, inserted.get());
        }
        return reviveHeld(file);
    }

    private MediaFile reviveHeld(NewMediaFile file) throws SQLException {
        MediaFile held = db.queryOne(BY_PATH, MediaRows::read, MediaRows.key(file.path()))
                .orElseThrow(() -> new CatalogException("path " + file.path() + " is neither new nor held"));
        return revive(held, file);
    }

    /**
     * One INSERT for every new path (a statement per row costs several times SQLite's own work through JDBC); each
     * path already held, or listed twice, then goes the way of {@link #add}. Rows and listener changes come in the
     * order of {@code files}, exactly as {@link #add} one by one would give them.
     */
    List<MediaFile> addAll(List<NewMediaFile> files) throws SQLException {
        int n = files.size();
        if (n == 0) {
            return List.of();
        }
        long now = batch.now();
        String[] paths = new String[n];
        String[] roots = new String[n];
        long[] mtimes = new long[n];
        Path lastRoot = null;
        String lastRootKey = null;
        for (int i = 0; i < n; i++) {
            NewMediaFile file = Objects.requireNonNull(files.get(i), "file");
            paths[i] = MediaRows.key(file.path());
            if (file.mediaRoot() != lastRoot) {
                lastRoot = file.mediaRoot();
                lastRootKey = MediaRows.key(lastRoot);
            }
            roots[i] = lastRootKey;
            mtimes[i] = MediaRows.nanos(file.modified());
        }
        long before = db.queryLong(LAST_LUID);
        int count = 0;
        for (int start = 0; start < n; ) {
            int rows = rowsInStatement(n - start);
            String root = roots[start];
            String prefix = root.endsWith(SEPARATOR) ? root : root + SEPARATOR;
            Object[] params = new Object[SHARED_PARAMS + rows * PARAMS_PER_ROW];
            params[0] = now;
            params[1] = root;
            params[2] = prefix;
            int p = SHARED_PARAMS;
            for (int i = start; i < start + rows; i++) {
                NewMediaFile file = files.get(i);
                String relative = file.relativePath();
                String lower = lower(relative);
                params[p++] = isJoined(paths[i], prefix, relative) ? null : paths[i];
                params[p++] = roots[i].equals(root) ? null : roots[i];
                params[p++] = relative;
                params[p++] = lower.equals(relative) ? null : lower;
                params[p++] = file.size();
                params[p++] = mtimes[i];
                params[p++] = file.fileKey().orElse(null);
            }
            count += db.update(insertOf(rows), params);
            start += rows;
        }
        // AUTOINCREMENT gives each inserted row the next luid, in insertion (= array) order: when every path was
        // new they are before + 1 ... before + n. Otherwise the new rows say which paths they hold.
        Instant created = MediaRows.instant(now);
        List<MediaFile> rows = new ArrayList<>(n);
        if (count == n) {
            for (int i = 0; i < n; i++) {
                rows.add(batch.record(Kind.ADDED, newRow(before + 1 + i, files.get(i), paths[i], roots[i], mtimes[i],
                        created)));
            }
            return rows;
        }
        Map<String, Long> inserted = new HashMap<>(n * 4 / 3 + 1);
        if (count > 0) {
            db.queryAll(INSERTED_AFTER, rs -> inserted.put(rs.getString(2), rs.getLong(1)), before);
        }
        for (int i = 0; i < n; i++) {
            NewMediaFile file = files.get(i);
            Long luid = inserted.remove(paths[i]);
            rows.add(luid == null ? reviveHeld(file)
                    : batch.record(Kind.ADDED, newRow(luid, file, paths[i], roots[i], mtimes[i], created)));
        }
        return rows;
    }

    /** {@link #ROWS_PER_INSERT}, or for fewer rows the largest power of two that fits (a handful of statements). */
    private static int rowsInStatement(int left) {
        return left >= ROWS_PER_INSERT ? ROWS_PER_INSERT : Integer.highestOneBit(left);
    }

    private static Map<Integer, String> inserts() {
        Map<Integer, String> inserts = new HashMap<>();
        inserts.put(ROWS_PER_INSERT, insertSql(ROWS_PER_INSERT));
        for (int rows = 1; rows < ROWS_PER_INSERT; rows *= 2) {
            inserts.put(rows, insertSql(rows));
        }
        return Map.copyOf(inserts);
    }

    private static String insertSql(int rows) {
        StringBuilder sql = new StringBuilder(INSERT_VALUES.length() + rows * 110).append(INSERT_VALUES);
        for (int i = 0; i < rows; i++) {
            int p = SHARED_PARAMS + 1 + i * PARAMS_PER_ROW;
            sql.append(i == 0 ? "(" : ",(")
                    .append("coalesce(?").append(p).append(",?3||?").append(p + 2).append("),")
                    .append("coalesce(?").append(p + 1).append(",?2),")
                    .append('?').append(p + 2).append(',')
                    .append("coalesce(?").append(p + 3).append(",?").append(p + 2).append("),");
            for (int k = 4; k < PARAMS_PER_ROW; k++) {
                sql.append('?').append(p + k).append(',');
            }
            sql.append("'PENDING',?1,?1)");
        }
        return sql.append(INSERT_VALUES_END).toString();
    }

    /** Whether {@code path} is exactly {@code prefix} followed by {@code relative} (compared in place, no copy). */
    private static boolean isJoined(String path, String prefix, String relative) {
        return path.length() == prefix.length() + relative.length() && path.startsWith(prefix)
                && path.endsWith(relative);
    }

    private static String insertOf(int rows) {
        return INSERTS.get(rows);
    }

    private Optional<MediaFile> insert(NewMediaFile file) throws SQLException {
        long now = batch.now();
        String path = MediaRows.key(file.path());
        String mediaRoot = MediaRows.key(file.mediaRoot());
        long modified = MediaRows.nanos(file.modified());
        if (db.update(INSERT, path, mediaRoot, file.relativePath(), lower(file.relativePath()), file.size(),
                modified, file.fileKey().orElse(null), now, now) == 0) {
            return Optional.empty();
        }
        long luid = db.queryLong("SELECT last_insert_rowid()");
        return Optional.of(newRow(luid, file, path, mediaRoot, modified, MediaRows.instant(now)));
    }

    /**
     * Exactly what {@code MediaRows.read} gives for a row just inserted (same path keys, same nanosecond round trip);
     * the caller's {@link Path}s are kept when they already are the stored form.
     */
    private static MediaFile newRow(long luid, NewMediaFile file, String path, String mediaRoot, long modified,
                                    Instant created) {
        Path pathValue = file.path().toString().equals(path) ? file.path() : Path.of(path);
        Path rootValue = file.mediaRoot().toString().equals(mediaRoot) ? file.mediaRoot() : Path.of(mediaRoot);
        // The caller's Instant is what reads back unless it was clamped to fit the stored nanoseconds.
        Instant mtime = modified != Long.MIN_VALUE && modified != Long.MAX_VALUE ? file.modified()
                : MediaRows.instant(modified);
        return new MediaFile(luid, Optional.empty(), pathValue, rootValue, file.relativePath(), file.size(),
                mtime, file.fileKey(), MediaStatus.PENDING, Optional.empty(), Optional.empty(), created, created);
    }

    private MediaFile revive(MediaFile held, NewMediaFile file) throws SQLException {
        boolean live = held.status() != MediaStatus.DELETED;
        boolean sameContent = held.size() == file.size()
                && MediaRows.nanos(held.modified()) == MediaRows.nanos(file.modified());
        if (live && sameContent && sameLocation(held, file)) {
            return held;
        }
        boolean keepStatus = live && sameContent;
        db.update(REVIVE, MediaRows.key(file.mediaRoot()), file.relativePath(), lower(file.relativePath()),
                file.size(), MediaRows.nanos(file.modified()), file.fileKey().orElse(null),
                keepStatus ? held.status().name() : MediaStatus.PENDING.name(),
                keepStatus ? held.error().orElse(null) : null, batch.now(), held.luid());
        if (!sameContent) {
            batch.dropDerived(held.luid());
        }
        Kind kind = !live ? Kind.ADDED : sameContent ? Kind.UPDATED : Kind.CHANGED;
        return batch.record(kind, held.luid());
    }

    private static boolean sameLocation(MediaFile held, NewMediaFile file) {
        return held.mediaRoot().toString().equals(MediaRows.key(file.mediaRoot()))
                && held.relativePath().equals(file.relativePath())
                && held.fileKey().equals(file.fileKey());
    }
}
