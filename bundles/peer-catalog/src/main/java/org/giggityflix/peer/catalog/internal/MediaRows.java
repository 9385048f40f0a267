package org.giggityflix.peer.catalog.internal;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import org.giggityflix.peer.api.catalog.CatalogException;
import org.giggityflix.peer.api.catalog.KnownFile;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.giggityflix.peer.api.catalog.MediaStatus;

/**
 * {@code MediaRows} is responsible for the mapping between a {@code media_files} row and a {@link MediaFile}.
 */
final class MediaRows {

    /** Every column a {@link MediaFile} is built from, in the order {@link #read} expects. */
    static final String COLUMNS = "luid, catalog_id, path, media_root, relative_path, size, mtime, file_key,"
            + " status, error, probed, duration, width, height, video_codec, audio_codec, bitrate, frame_rate,"
            + " container, discovered, updated, streams";

    /** Selects {@link #COLUMNS}; a {@code WHERE} clause follows. */
    static final String SELECT = "SELECT " + COLUMNS + " FROM media_files ";

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private MediaRows() {
    }

    static MediaFile read(ResultSet rs) throws SQLException {
        long luid = rs.getLong(1);
        return new MediaFile(
                luid,
                Optional.ofNullable(rs.getString(2)),
                Path.of(rs.getString(3)),
                Path.of(rs.getString(4)),
                rs.getString(5),
                rs.getLong(6),
                instant(rs.getLong(7)),
                Optional.ofNullable(rs.getString(8)),
                status(rs.getString(9), luid),
                Optional.ofNullable(rs.getString(10)),
                rs.getInt(11) == 0 ? Optional.empty() : Optional.of(metadata(rs)),
                instant(rs.getLong(20)),
                instant(rs.getLong(21)));
    }

    /**
     * The columns {@link #readKnown} expects, in its order. A row counts as probed only with its stream inventory:
     * one probed before the inventory existed (streams NULL, see {@code Schema}) is probed again by the next scan.
     */
    static final String KNOWN_COLUMNS =
            "luid, path, size, mtime, file_key, status, probed AND streams IS NOT NULL";

    /** A rescan's view of a row: {@link #KNOWN_COLUMNS} only (no metadata, no second path, no times but mtime). */
    static KnownFile readKnown(ResultSet rs) throws SQLException {
        long luid = rs.getLong(1);
        return new KnownFile(luid, Path.of(rs.getString(2)), rs.getLong(3), instant(rs.getLong(4)),
                Optional.ofNullable(rs.getString(5)), status(rs.getString(6), luid), rs.getInt(7) != 0);
    }

    private static MediaMetadata metadata(ResultSet rs) throws SQLException {
        return new MediaMetadata(
                nullableDouble(rs, 12),
                nullableInt(rs, 13),
                nullableInt(rs, 14),
                rs.getString(15),
                rs.getString(16),
                nullableLong(rs, 17),
                nullableDouble(rs, 18),
                rs.getString(19),
                StreamsColumn.read(rs.getString(22), rs.getLong(1)));
    }

    private static MediaStatus status(String name, long luid) {
        try {
            return MediaStatus.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CatalogException("row luid " + luid + " has an unknown status '" + name
                    + "': was the catalog written by a newer peer?", e);
        }
    }

    /** The form a path is stored and looked up in, so that {@code /a/./b} and {@code /a/b} are one row. */
    static String key(Path path) {
        return path.toAbsolutePath().normalize().toString();
    }

    /**
     * Nanoseconds since the epoch: exact for 1677-2262, the range file systems report for real files; an instant
     * outside it is clamped rather than refused so that one odd file cannot fail a whole scan batch.
     */
    static long nanos(Instant instant) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
        } catch (ArithmeticException e) {
            return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
    }

    private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static Integer nullableInt(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
