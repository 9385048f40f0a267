package org.giggityflix.peer.catalog.internal;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
 * {@code SqliteCatalogBatch} is responsible for the writes of one transaction on the writer connection, as the
 * {@link CatalogBatch} a writer is handed: each write checked to belong to the current transaction and its SQL errors
 * translated, inserts by {@link RowInserts}, statuses and digests by {@link StatusWrites}, catalog ids by
 * {@link CatalogIdWrites}, changes, moves and metadata here, and what they all changed remembered ({@link BatchRows})
 * so that listeners can be told after the commit.
 *
 * <p>How {@link #add} treats a path the catalog already holds: a deleted row is revived (same luid, catalog id
 * kept, status {@code PENDING}); its hashes and metadata are kept when size and mtime are unchanged (a drive that
 * was unplugged and plugged back in is not rehashed) and dropped otherwise. A live row with the same size and mtime
 * is left alone (adding twice is harmless); with another size or mtime it is treated like {@link #changed}.
 *
 * <p>{@link #moved} onto a path held by a deleted row removes that stale row (its luid is never reused); onto a
 * path held by a live row it fails. A deleted row that is moved is on disk again, so it comes back as
 * {@code PENDING}. {@link #status} with {@code DELETED} is {@link #deleted}. {@link #deleted} and {@link #catalogId}
 * with what the row already holds change nothing and are not reported to listeners.
 */
final class SqliteCatalogBatch implements CatalogBatch {

    private static final String BY_PATH = MediaRows.SELECT + "WHERE path = ?";
    private static final String CHANGED = "UPDATE media_files SET size = ?, mtime = ?, file_key = ?,"
            + " status = 'PENDING', error = NULL, updated = ? WHERE luid = ?";
    private static final String MOVED = "UPDATE media_files SET path = ?, media_root = ?, relative_path = ?,"
            + " relative_path_lower = ?, mtime = ?, file_key = ?,"
            + " status = CASE status WHEN 'DELETED' THEN 'PENDING' ELSE status END, updated = ? WHERE luid = ?";
    private static final String REMOVE_ROW = "DELETE FROM media_files WHERE luid = ?";
    private static final String METADATA = "UPDATE media_files SET probed = 1, duration = ?, width = ?,"
            + " height = ?, video_codec = ?, audio_codec = ?, bitrate = ?, frame_rate = ?, container = ?,"
            + " streams = ?, updated = ? WHERE luid = ?";

    private final Statements db;
    private final Path databaseFile;
    private final BatchRows batch;
    private final RowInserts inserts;
    private final StatusWrites statuses;
    private final CatalogIdWrites catalogIds;
    private boolean open = true;

    SqliteCatalogBatch(Statements db, Path databaseFile, Clock clock) {
        this.db = db;
        this.databaseFile = databaseFile;
        this.batch = new BatchRows(db, clock);
        this.inserts = new RowInserts(batch);
        this.statuses = new StatusWrites(batch);
        this.catalogIds = new CatalogIdWrites(batch);
    }

    /** What this batch changed, in the order it changed it. */
    List<CatalogChange> changes() {
        return batch.changes();
    }

    /** Ends the batch: a reference kept beyond its write must not write into the next transaction. */
    void close() {
        open = false;
    }

    @Override
    public MediaFile add(NewMediaFile file) {
        return guarded(() -> inserts.add(file));
    }

    /**
     * One INSERT for every new path; each path already held, or listed twice, then goes the way of {@link #add}.
     * Rows and listener changes come in the order of {@code files}, exactly as {@link #add} one by one would give.
     */
    @Override
    public List<MediaFile> addAll(List<NewMediaFile> files) {
        return guarded(() -> inserts.addAll(files));
    }

    @Override
    public MediaFile changed(long luid, long size, Instant modified, Optional<String> fileKey) {
        return guarded(() -> {
            batch.existing(luid);
            db.update(CHANGED, size, MediaRows.nanos(modified), fileKey.orElse(null), batch.now(), luid);
            batch.dropDerived(luid);
            return batch.record(Kind.CHANGED, luid);
        });
    }

    @Override
    public MediaFile moved(long luid, Path newPath, Path mediaRoot, String relativePath, Instant modified,
                           Optional<String> fileKey) {
        return guarded(() -> {
            batch.existing(luid);
            String target = MediaRows.key(newPath);
            freePath(target, luid);
            db.update(MOVED, target, MediaRows.key(mediaRoot), relativePath, BatchRows.lower(relativePath),
                    MediaRows.nanos(modified), fileKey.orElse(null), batch.now(), luid);
            return batch.record(Kind.MOVED, luid);
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
        return guarded(() -> statuses.deleted(luid));
    }

    @Override
    public MediaFile status(long luid, MediaStatus status, Optional<String> error) {
        Objects.requireNonNull(status, "status");
        if (status == MediaStatus.DELETED) {
            return deleted(luid);
        }
        return guarded(() -> statuses.status(luid, status, error.orElse(null)));
    }

    @Override
    public MediaFile hashes(long luid, Map<String, String> digests) {
        return guarded(() -> statuses.hashes(luid, digests));
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
        return guarded(() -> statuses.statusAll(luids, status));
    }

    /** One UPDATE for the statuses, one upsert for every digest, one read of the rows. */
    @Override
    public List<MediaFile> hashedAll(Map<Long, Map<String, String>> digests, MediaStatus status) {
        Objects.requireNonNull(status, "status");
        if (status == MediaStatus.DELETED || status == MediaStatus.ERROR) {
            return CatalogBatch.super.hashedAll(digests, status);
        }
        return guarded(() -> statuses.hashedAll(digests, status));
    }

    @Override
    public MediaFile metadata(long luid, MediaMetadata metadata) {
        Objects.requireNonNull(metadata, "metadata");
        return guarded(() -> {
            batch.existing(luid);
            db.update(METADATA, metadata.durationSeconds(), metadata.width(), metadata.height(),
                    metadata.videoCodec(), metadata.audioCodec(), metadata.bitrate(), metadata.frameRate(),
                    metadata.container(), StreamsColumn.write(metadata.streams()), batch.now(), luid);
            return batch.record(Kind.UPDATED, luid);
        });
    }

    @Override
    public MediaFile catalogId(long luid, String catalogId) {
        return guarded(() -> catalogIds.catalogId(luid, catalogId));
    }

    /** {@link org.giggityflix.peer.api.catalog.EdgeCatalog#remapCatalogId}, inside this transaction. */
    RemapResult remap(String oldCatalogId, String newCatalogId) {
        return guarded(() -> catalogIds.remap(oldCatalogId, newCatalogId));
    }

    /** Runs writes that are not about {@code media_files} rows (the screenshot index) in this transaction. */
    <T> T statements(SqlFunction<Statements, T> work) {
        return guarded(() -> work.apply(db));
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
