package org.giggityflix.peer.catalog.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

/**
 * {@code Connections} is responsible for opening SQLite connections with the settings the catalog relies on.
 *
 * <p>The settings are per connection in SQLite, so they are applied to every connection opened here rather than
 * passed to the driver as bean properties (which would tie this bundle to one driver's property names).
 */
final class Connections {

    private static final String BUSY_TIMEOUT = "PRAGMA busy_timeout = " + CatalogConstants.BUSY_TIMEOUT_MILLIS;

    /*
     * synchronous = FULL: in WAL mode it costs one fsync of the WAL per commit, and writes are batched (a scan is a
     * few transactions), so the cost is small. NORMAL would survive a kill -9 but could lose the last commits on a
     * power cut, and some of what the catalog holds cannot be found again on disk: the Edge's catalog ids.
     */
    static final String SYNCHRONOUS_FULL = "PRAGMA synchronous = FULL";

    /** Only for the scanner's recoverable writes ({@code Writer.transact(work, false)}); WAL keeps them consistent. */
    static final String SYNCHRONOUS_NORMAL = "PRAGMA synchronous = NORMAL";

    /*
     * While recoverable writes run, the WAL is checkpointed at 64 MiB instead of SQLite's 4 MiB: a first scan writes
     * ~100 MiB of pages, and a checkpoint (copy into the database, fsync) nearly every batch cost as much as the
     * inserts themselves. The next durable write goes back to the default, and journal_size_limit trims the file.
     */
    static final String AUTOCHECKPOINT_SCAN = "PRAGMA wal_autocheckpoint = 16384";
    static final String AUTOCHECKPOINT_DEFAULT = "PRAGMA wal_autocheckpoint = 1000";

    /*
     * cache_size: 32 MiB of pages for the writer (SQLite's default is 2 MiB). A first scan of 100,000 files inserts
     * into a table and four indexes of ~40 MiB; with the default cache each batch re-reads the index pages it
     * touches (measured: ~4x the time per inserted row). Only pages actually used take memory.
     */
    private static final List<String> WRITER_SETTINGS = List.of(
            BUSY_TIMEOUT,
            "PRAGMA cache_size = -32768",
            "PRAGMA foreign_keys = ON",
            SYNCHRONOUS_FULL,
            "PRAGMA journal_size_limit = " + CatalogConstants.JOURNAL_SIZE_LIMIT_BYTES);

    // query_only: a bug that writes through a read connection fails loudly instead of bypassing the writer lock.
    private static final List<String> READER_SETTINGS = List.of(BUSY_TIMEOUT, "PRAGMA query_only = ON");

    /*
     * A copy's connection reads only the catalog, but VACUUM INTO and ATTACH are refused under query_only; it never
     * writes the catalog (CatalogCopier runs nothing else on it).
     */
    private static final List<String> COPIER_SETTINGS = List.of(BUSY_TIMEOUT);

    private final DataSource dataSource;

    Connections(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Statements openWriter() throws SQLException {
        return new Statements(configured(dataSource.getConnection(), WRITER_SETTINGS));
    }

    Statements openReader() throws SQLException {
        return new Statements(configured(dataSource.getConnection(), READER_SETTINGS));
    }

    Statements openCopier() throws SQLException {
        return new Statements(configured(dataSource.getConnection(), COPIER_SETTINGS));
    }

    private static Connection configured(Connection connection, List<String> settings) throws SQLException {
        Statements statements = new Statements(connection);
        try {
            for (String setting : settings) {
                statements.execute(setting);
            }
            return connection;
        } catch (SQLException | RuntimeException e) {
            statements.close();
            throw e;
        }
    }
}
