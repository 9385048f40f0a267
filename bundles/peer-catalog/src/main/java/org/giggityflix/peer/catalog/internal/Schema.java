package org.giggityflix.peer.catalog.internal;

import java.util.List;

/**
 * {@code Schema} is responsible for the catalog's tables: the ordered list of migrations that builds them.
 *
 * <p>Adding a table (screenshots, ...) is one more {@link Migration} at the end of {@link #MIGRATIONS}. A table that
 * hangs off {@code media_files} references {@code luid} with {@code ON DELETE CASCADE}, like {@code hashes}, because
 * a move onto a deleted row's path removes that row; and what describes a file's content is dropped with the
 * hashes in {@code BatchRows.dropDerived} when the content changes.
 * Times are nanoseconds since the epoch, so file modification times survive the round trip exactly; paths are
 * stored as absolute, normalized strings.
 */
final class Schema {

    private static final Migration MEDIA_FILES_AND_HASHES = new Migration(1, "media files and hashes", List.of(
            """
            CREATE TABLE media_files (
                luid                INTEGER PRIMARY KEY AUTOINCREMENT,
                catalog_id          TEXT UNIQUE,
                path                TEXT NOT NULL UNIQUE,
                media_root          TEXT NOT NULL,
                relative_path       TEXT NOT NULL,
                relative_path_lower TEXT NOT NULL,
                size                INTEGER NOT NULL,
                mtime               INTEGER NOT NULL,
                file_key            TEXT,
                status              TEXT NOT NULL,
                error               TEXT,
                probed              INTEGER NOT NULL DEFAULT 0,
                duration            REAL,
                width               INTEGER,
                height              INTEGER,
                video_codec         TEXT,
                audio_codec         TEXT,
                bitrate             INTEGER,
                frame_rate          REAL,
                container           TEXT,
                discovered          INTEGER NOT NULL,
                updated             INTEGER NOT NULL
            ) STRICT""",
            """
            CREATE TABLE hashes (
                luid      INTEGER NOT NULL REFERENCES media_files (luid) ON DELETE CASCADE,
                algorithm TEXT NOT NULL,
                value     TEXT NOT NULL,
                PRIMARY KEY (luid, algorithm)
            ) STRICT, WITHOUT ROWID""",
            // catalog_id and path are indexed by their UNIQUE constraints. The catalog_id index also serves the
            // Edge's "not numbered yet" query: its NULL entries are kept in luid order, so no sort and no scan.
            "CREATE INDEX media_files_status ON media_files (status)",
            "CREATE INDEX media_files_file_key ON media_files (file_key)",
            "CREATE INDEX media_files_root ON media_files (media_root, relative_path)",
            "CREATE INDEX media_files_relative_path ON media_files (relative_path)"));

    /**
     * The screenshot cache's index (written by the screenshot service through {@code ScreenshotIndex}): one row per
     * JPEG under DATA_DIR/screenshots, keyed by file and requested position; {@code last_used} orders eviction.
     */
    private static final Migration SCREENSHOTS = new Migration(2, "screenshot cache index", List.of(
            """
            CREATE TABLE screenshots (
                luid           INTEGER NOT NULL REFERENCES media_files (luid) ON DELETE CASCADE,
                position       REAL NOT NULL,
                frame_position REAL NOT NULL,
                path           TEXT NOT NULL,
                size           INTEGER NOT NULL,
                width          INTEGER NOT NULL,
                height         INTEGER NOT NULL,
                created        INTEGER NOT NULL,
                last_used      INTEGER NOT NULL,
                PRIMARY KEY (luid, position)
            ) STRICT, WITHOUT ROWID""",
            "CREATE INDEX screenshots_last_used ON screenshots (last_used)"));

    /**
     * No query looks rows up by {@code file_key} (the scanner matches inodes in memory, from {@code knownUnderRoot}),
     * so its index only cost every insert and every move a B-tree update.
     */
    private static final Migration NO_FILE_KEY_INDEX = new Migration(3, "drop the unused file_key index", List.of(
            "DROP INDEX IF EXISTS media_files_file_key"));

    /**
     * Every stream of a file (video, audio, subtitle tracks with languages, rotation, HDR ...), as one JSON array
     * ({@link StreamsColumn}) read with the row: the library page reads a page of rows and nothing else. Rows probed
     * before keep their metadata and have {@code streams} NULL, which is how the mark for the next scan reads:
     * {@link MediaRows#KNOWN_COLUMNS} reports them unprobed, so the scanner probes them again (and only probes:
     * their size, mtime and hashes are unchanged).
     */
    private static final Migration STREAM_INVENTORY = new Migration(4, "stream inventory", List.of(
            "ALTER TABLE media_files ADD COLUMN streams TEXT"));

    /**
     * Every order the library offers ({@code MediaQuery.Sort}) read from an index, so that a page of a million files
     * sorted by size is a walk of that page's entries, not a sort of the table. Each index is the order's column,
     * the luid (the tiebreak: a descending page walks the same index backwards) and the status, so that the status
     * filter is decided from the index alone: rows skipped by an offset or filtered out cost no read of the table.
     * The file name is a virtual column computed from {@code relative_path_lower} (its last segment), so no write had
     * to change and existing rows have it at once. The status order uses {@code media_files_status}; the order of
     * discovery is the luid's, the table's own. The path index replaces the plain {@code relative_path} one.
     */
    private static final Migration LIBRARY_ORDERS = new Migration(5, "indexes for the library's orders", List.of(
            "ALTER TABLE media_files ADD COLUMN name_lower TEXT GENERATED ALWAYS AS (" + MediaFilter.NAME_OF_PATH
                    + ") VIRTUAL",
            "DROP INDEX media_files_relative_path",
            "CREATE INDEX media_files_by_path ON media_files (relative_path, luid, status)",
            "CREATE INDEX media_files_by_name ON media_files (name_lower, luid, status)",
            "CREATE INDEX media_files_by_size ON media_files (size, luid, status)",
            "CREATE INDEX media_files_by_mtime ON media_files (mtime, luid, status)",
            "CREATE INDEX media_files_by_duration ON media_files (duration, luid, status)"));

    /** Every migration, oldest first; versions are 1, 2, 3... without gaps. */
    static final List<Migration> MIGRATIONS = List.of(MEDIA_FILES_AND_HASHES, SCREENSHOTS, NO_FILE_KEY_INDEX,
            STREAM_INVENTORY, LIBRARY_ORDERS);

    private Schema() {
    }

    /** Checks that versions run 1, 2, 3... so that a typo cannot skip or repeat a step. */
    static List<Migration> checked(List<Migration> migrations) {
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).version() != i + 1) {
                throw new IllegalArgumentException("migration at index " + i + " has version "
                        + migrations.get(i).version() + ", expected " + (i + 1));
            }
        }
        return List.copyOf(migrations);
    }
}
