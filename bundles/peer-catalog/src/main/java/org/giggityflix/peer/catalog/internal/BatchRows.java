package org.giggityflix.peer.catalog.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.giggityflix.peer.api.catalog.CatalogChange;
import org.giggityflix.peer.api.catalog.CatalogChange.Kind;
import org.giggityflix.peer.api.catalog.CatalogException;
import org.giggityflix.peer.api.catalog.MediaFile;

/**
 * {@code BatchRows} is responsible for what every write of one transaction shares: the writer connection's
 * statements, the time written into rows, reading a row by luid, dropping what described a file's old content, and
 * recording each change (in order) so that listeners can be told after the commit.
 */
final class BatchRows {

    private static final String BY_LUID = MediaRows.SELECT + "WHERE luid = ?";
    private static final String DROP_HASHES = "DELETE FROM hashes WHERE luid = ?";
    private static final String DROP_SCREENSHOTS = "DELETE FROM screenshots WHERE luid = ?";
    private static final String DROP_METADATA = "UPDATE media_files SET probed = 0, duration = NULL, width = NULL,"
            + " height = NULL, video_codec = NULL, audio_codec = NULL, bitrate = NULL, frame_rate = NULL,"
            + " container = NULL, streams = NULL WHERE luid = ?";

    private final Statements db;
    private final Clock clock;
    private final List<CatalogChange> changes = new ArrayList<>();

    BatchRows(Statements db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    Statements db() {
        return db;
    }

    /** What this batch changed, in the order it changed it. */
    List<CatalogChange> changes() {
        return List.copyOf(changes);
    }

    /** The row of {@code luid}; a luid without a row fails the write. */
    MediaFile existing(long luid) throws SQLException {
        return db.queryOne(BY_LUID, MediaRows::read, luid).orElseThrow(() -> noRow(luid));
    }

    static CatalogException noRow(long luid) {
        return new CatalogException("no catalog row with luid " + luid);
    }

    /** Reads the row of {@code luid} as written and records it as a change of {@code kind}. */
    MediaFile record(Kind kind, long luid) throws SQLException {
        return record(kind, existing(luid));
    }

    MediaFile record(Kind kind, MediaFile row) {
        changes.add(new CatalogChange(kind, row));
        return row;
    }

    /** Hashes, metadata and screenshots describe the old content: they go when the content may have changed. */
    void dropDerived(long luid) throws SQLException {
        db.update(DROP_HASHES, luid);
        db.update(DROP_SCREENSHOTS, luid);
        db.update(DROP_METADATA, luid);
    }

    /** The time written into {@code updated} (and {@code discovered}), as stored. */
    long now() {
        return MediaRows.nanos(clock.instant());
    }

    static String lower(String relativePath) {
        return relativePath.toLowerCase(Locale.ROOT);
    }
}
