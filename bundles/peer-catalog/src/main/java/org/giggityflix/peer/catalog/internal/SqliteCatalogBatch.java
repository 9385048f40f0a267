package org.giggityflix.peer.catalog.internal;

import java.io.File;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.giggityflix.peer.api.catalog.CatalogBatch;
import org.giggityflix.peer.api.catalog.CatalogChange;
import org.giggityflix.peer.api.catalog.CatalogChange.Kind;
import org.giggityflix.peer.api.catalog.CatalogException;
import org.giggityflix.peer.api.catalog.EdgeCatalog.RemapResult;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.catalog.NewMediaFile;

/**
 * {@code SqliteCatalogBatch} is responsible for the writes of one transaction on the writer connection, and for
 * remembering what they changed so that listeners can be told after the commit.
 *
 * <p>How {@link #add} treats a path the catalog already holds: a deleted row is revived (same luid, catalog id
 * kept, status {@code PENDING}); its hashes and metadata are kept when size and mtime are unchanged (a drive that
 * was unplugged and plugged back in is not rehashed) and dropped otherwise. A live row with the same size and mtime
 * is left alone (adding twice is harmless); with another size or mtime it is treated like {@link #changed}.
 *
 * <p>{@link #moved} onto a path held by a deleted row removes that stale row (its luid is never reused); onto a
 * path held by a live row it fails. A deleted row that is moved is on disk again, so it comes back as
 * {@code PENDING}. {@link #status} with {@code DELETED} is {@link #deleted}. {@link #deleted} and {@link #catalogId} with what the row already holds change nothing and are
 * not reported to listeners.
 */
final class SqliteCatalogBatch implements CatalogBatch {

    private static final String BY_LUID = MediaRows.SELECT + "WHERE luid = ?";
    private static final String BY_PATH = MediaRows.SELECT + "WHERE path = ?";
    private static final String HOLDER_OF_CATALOG_ID = "SELECT luid FROM media_files WHERE catalog_id = ?";
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
    /** {@link #statusAll} and {@link #hashedAll}: one UPDATE for a JSON array of luids. */
    private static final String STATUS_ALL = "UPDATE media_files SET status = ?1, error = NULL, updated = ?2"
            + " WHERE luid IN (SELECT value FROM json_each(?3))";
    private static final String UPSERT_HASHES = "INSERT INTO hashes (luid, algorithm, value)"
            + " SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(CAST(? AS TEXT)) WHERE true"
            + " ON CONFLICT (luid, algorithm) DO UPDATE SET value = excluded.value";
    private static final String ROWS_OF = MediaRows.SELECT + "WHERE luid IN (SELECT value FROM json_each(?))";
    /** The highest luid ever given (AUTOINCREMENT: never reused), 0 for a new catalog. */
    private static final String LAST_LUID = "SELECT coalesce((SELECT seq FROM sqlite_sequence"
            + " WHERE name = 'media_files'), 0)";
    private static final String REVIVE = "UPDATE media_files SET media_root = ?, relative_path = ?,"
            + " relative_path_lower = ?, size = ?, mtime = ?, file_key = ?, status = ?, error = ?, updated = ?"
            + " WHERE luid = ?";
    private static final String CHANGED = "UPDATE media_files SET size = ?, mtime = ?, file_key = ?,"
            + " status = 'PENDING', error = NULL, updated = ? WHERE luid = ?";
    private static final String MOVED = "UPDATE media_files SET path = ?, media_root = ?, relative_path = ?,"
            + " relative_path_lower = ?, mtime = ?, file_key = ?,"
            + " status = CASE status WHEN 'DELETED' THEN 'PENDING' ELSE status END, updated = ? WHERE luid = ?";
    private static final String REMOVE_ROW = "DELETE FROM media_files WHERE luid = ?";
    private static final String STATUS = "UPDATE media_files SET status = ?, error = ?, updated = ? WHERE luid = ?";
    private static final String TOUCH = "UPDATE media_files SET updated = ? WHERE luid = ?";
    private static final String UPSERT_HASH = "INSERT INTO hashes (luid, algorithm, value) VALUES (?, ?, ?)"
            + " ON CONFLICT (luid, algorithm) DO UPDATE SET value = excluded.value";
    private static final String DROP_HASHES = "DELETE FROM hashes WHERE luid = ?";
    private static final String DROP_SCREENSHOTS = "DELETE FROM screenshots WHERE luid = ?";
    private static final String METADATA = "UPDATE media_files SET probed = 1, duration = ?, width = ?,"
            + " height = ?, video_codec = ?, audio_codec = ?, bitrate = ?, frame_rate = ?, container = ?,"
            + " streams = ?, updated = ? WHERE luid = ?";
    private static final String DROP_METADATA = "UPDATE media_files SET probed = 0, duration = NULL, width = NULL,"
            + " height = NULL, video_codec = NULL, audio_codec = NULL, bitrate = NULL, frame_rate = NULL,"
            + " container = NULL, streams = NULL WHERE luid = ?";
    private static final String SET_CATALOG_ID = "UPDATE media_files SET catalog_id = ?, updated = ? WHERE luid = ?";

    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

    private final Statements db;
    private final Path databaseFile;
    private final Clock clock;
    private final List<CatalogChange> changes = new ArrayList<>();
    private boolean open = true;

    SqliteCatalogBatch(Statements db, Path databaseFile, Clock clock) {
        this.db = db;
        this.databaseFile = databaseFile;
        this.clock = clock;
    }

    /** What this batch changed, in the order it changed it. */
    List<CatalogChange> changes() {
        return List.copyOf(changes);
    }

    /** Ends the batch: a reference kept beyond its write must not write into the next transaction. */
    void close() {
        open = false;
    }

    @Override
    public MediaFile add(NewMediaFile file) {
        return guarded(() -> addOne(file));
    }

    private MediaFile addOne(NewMediaFile file) throws SQLException {
        Objects.requireNonNull(file, "file");
        // Inserting first: a new path (nearly every add of a scan) is not looked up, and its row is built from
        // the values just inserted rather than read back.
        Optional<MediaFile> inserted = insert(file);
        if (inserted.isPresent()) {
            return record(Kind.ADDED, inserted.get());
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
    @Override
    public List<MediaFile> addAll(List<NewMediaFile> files) {
        return guarded(() -> {
            int n = files.size();
            if (n == 0) {
                return List.of();
            }
            long now = now();
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
                    rows.add(record(Kind.ADDED, newRow(before + 1 + i, files.get(i), paths[i], roots[i], mtimes[i],
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
                        : record(Kind.ADDED, newRow(luid, file, paths[i], roots[i], mtimes[i], created)));
            }
            return rows;
        });
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
        long now = now();
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
                keepStatus ? held.error().orElse(null) : null, now(), held.luid());
        if (!sameContent) {
            dropDerived(held.luid());
        }
        Kind kind = !live ? Kind.ADDED : sameContent ? Kind.UPDATED : Kind.CHANGED;
        return record(kind, held.luid());
    }

    private static boolean sameLocation(MediaFile held, NewMediaFile file) {
        return held.mediaRoot().toString().equals(MediaRows.key(file.mediaRoot()))
                && held.relativePath().equals(file.relativePath())
                && held.fileKey().equals(file.fileKey());
    }

    @Override
    public MediaFile changed(long luid, long size, Instant modified, Optional<String> fileKey) {
        return guarded(() -> {
            existing(luid);
            db.update(CHANGED, size, MediaRows.nanos(modified), fileKey.orElse(null), now(), luid);
            dropDerived(luid);
            return record(Kind.CHANGED, luid);
        });
    }

    @Override
    public MediaFile moved(long luid, Path newPath, Path mediaRoot, String relativePath, Instant modified,
                           Optional<String> fileKey) {
        return guarded(() -> {
            existing(luid);
            String target = MediaRows.key(newPath);
            freePath(target, luid);
            db.update(MOVED, target, MediaRows.key(mediaRoot), relativePath, lower(relativePath),
                    MediaRows.nanos(modified), fileKey.orElse(null), now(), luid);
            return record(Kind.MOVED, luid);
        });
    }

    private void freePath(String target, long luid) throws SQLException {
        Optional<MediaFile> other = db.queryOne(BY_PATH, MediaRows::read, target);
        if (other.isEmpty() || other.get().luid() == luid) {
            return;
        }
        if (other.get().status() != MediaStatus.DELETED) {
            throw new CatalogException("cannot move luid " + luid + " to " + target
                    + ": that path is cataloged as luid " + other.get().luid());
        }
        db.update(REMOVE_ROW, other.get().luid());
    }

    @Override
    public MediaFile deleted(long luid) {
        return guarded(() -> {
            MediaFile before = existing(luid);
            if (before.status() == MediaStatus.DELETED) {
                return before;
            }
            db.update(STATUS, MediaStatus.DELETED.name(), null, now(), luid);
            return record(Kind.DELETED, luid);
        });
    }

    @Override
    public MediaFile status(long luid, MediaStatus status, Optional<String> error) {
        Objects.requireNonNull(status, "status");
        if (status == MediaStatus.DELETED) {
            return deleted(luid);
        }
        return guarded(() -> {
            // The update count says whether the row exists: no read before the write (a scan makes two per file).
            // (UPDATE ... RETURNING instead of the read after it measured slower with this driver: bench/README.md.)
            if (db.update(STATUS, status.name(), status == MediaStatus.ERROR ? error.orElse(null) : null, now(),
                    luid) == 0) {
                throw noRow(luid);
            }
            return record(Kind.UPDATED, luid);
        });
    }

    @Override
    public MediaFile hashes(long luid, Map<String, String> digests) {
        return guarded(() -> {
            if (digests.isEmpty()) {
                return existing(luid);
            }
            // Touching first tells whether the row exists, without a read; a bad digest below rolls it all back.
            if (db.update(TOUCH, now(), luid) == 0) {
                throw noRow(luid);
            }
            for (Map.Entry<String, String> digest : digests.entrySet()) {
                String algorithm = algorithm(luid, digest.getKey());
                db.update(UPSERT_HASH, luid, algorithm, hex(luid, algorithm, digest.getValue()));
            }
            return record(Kind.UPDATED, luid);
        });
    }

    /**
     * One UPDATE for all rows, then one read of them; a luid without a row fails the whole write, like
     * {@link #status}. {@code DELETED} and {@code ERROR} go row by row (their own rules).
     */
    @Override
    public List<MediaFile> statusAll(List<Long> luids, MediaStatus status) {
        Objects.requireNonNull(status, "status");
        if (status == MediaStatus.DELETED || status == MediaStatus.ERROR) {
            return CatalogBatch.super.statusAll(luids, status);
        }
        return guarded(() -> {
            String ids = luidArray(luids);
            setStatus(luids, status, ids);
            return recordAll(luids, ids);
        });
    }

    /** One UPDATE for the statuses, one upsert for every digest, one read of the rows. */
    @Override
    public List<MediaFile> hashedAll(Map<Long, Map<String, String>> digests, MediaStatus status) {
        Objects.requireNonNull(status, "status");
        if (status == MediaStatus.DELETED || status == MediaStatus.ERROR) {
            return CatalogBatch.super.hashedAll(digests, status);
        }
        return guarded(() -> {
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
        });
    }

    private void setStatus(List<Long> luids, MediaStatus status, String ids) throws SQLException {
        int updated = db.update(STATUS_ALL, status.name(), now(), ids);
        long distinct = luids.stream().distinct().count();
        if (updated != distinct) {
            for (long luid : luids) {
                existing(luid); // throws for the first luid without a row
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
                throw noRow(luid);
            }
            rows.add(record(Kind.UPDATED, row));
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

    @Override
    public MediaFile metadata(long luid, MediaMetadata metadata) {
        Objects.requireNonNull(metadata, "metadata");
        return guarded(() -> {
            existing(luid);
            db.update(METADATA, metadata.durationSeconds(), metadata.width(), metadata.height(),
                    metadata.videoCodec(), metadata.audioCodec(), metadata.bitrate(), metadata.frameRate(),
                    metadata.container(), StreamsColumn.write(metadata.streams()), now(), luid);
            return record(Kind.UPDATED, luid);
        });
    }

    @Override
    public MediaFile catalogId(long luid, String catalogId) {
        return guarded(() -> {
            MediaFile before = existing(luid);
            String id = catalogIdArgument(catalogId);
            Optional<Long> holder = holderOf(id);
            if (holder.isPresent() && holder.get() == luid) {
                return before;
            }
            if (holder.isPresent()) {
                throw new CatalogException("catalog id '" + id + "' is already held by luid " + holder.get()
                        + "; cannot give it to luid " + luid);
            }
            db.update(SET_CATALOG_ID, id, now(), luid);
            return record(Kind.UPDATED, luid);
        });
    }

    /** {@link org.giggityflix.peer.api.catalog.EdgeCatalog#remapCatalogId}, inside this transaction. */
    RemapResult remap(String oldCatalogId, String newCatalogId) {
        return guarded(() -> {
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
            db.update(SET_CATALOG_ID, newId, now(), holder.get());
            record(Kind.UPDATED, holder.get());
            return RemapResult.REMAPPED;
        });
    }

    /** Runs writes that are not about {@code media_files} rows (the screenshot index) in this transaction. */
    <T> T statements(SqlFunction<Statements, T> work) {
        return guarded(() -> work.apply(db));
    }

    private Optional<Long> holderOf(String catalogId) throws SQLException {
        return db.queryOne(HOLDER_OF_CATALOG_ID, rs -> rs.getLong(1), catalogId);
    }

    private MediaFile existing(long luid) throws SQLException {
        return db.queryOne(BY_LUID, MediaRows::read, luid).orElseThrow(() -> noRow(luid));
    }

    private static CatalogException noRow(long luid) {
        return new CatalogException("no catalog row with luid " + luid);
    }

    private MediaFile record(Kind kind, long luid) throws SQLException {
        return record(kind, existing(luid));
    }

    private MediaFile record(Kind kind, MediaFile row) {
        changes.add(new CatalogChange(kind, row));
        return row;
    }

    /** Hashes, metadata and screenshots describe the old content: they go when the content may have changed. */
    private void dropDerived(long luid) throws SQLException {
        db.update(DROP_HASHES, luid);
        db.update(DROP_SCREENSHOTS, luid);
        db.update(DROP_METADATA, luid);
    }

    private long now() {
        return MediaRows.nanos(clock.instant());
    }

    private static String lower(String relativePath) {
        return relativePath.toLowerCase(Locale.ROOT);
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

    private static String catalogIdArgument(String catalogId) {
        if (catalogId == null || catalogId.isBlank()) {
            throw new CatalogException("a catalog id must not be empty");
        }
        return catalogId;
    }

    private <T> T guarded(SqlAction<T> action) {
        if (!open) {
            throw new CatalogException("this CatalogBatch belongs to a write that has ended;"
                    + " use the batch handed to the current write");
        }
        try {
            return action.run();
        } catch (SQLException e) {
            throw SqliteErrors.translate(e, databaseFile, "writing");
        }
    }

    /** {@code SqlAction} is responsible for carrying one batch operation's JDBC steps into {@link #guarded}. */
    @FunctionalInterface
    private interface SqlAction<T> {
        T run() throws SQLException;
    }
}
