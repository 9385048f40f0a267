package org.giggityflix.peer.catalog.internal;

import java.time.Duration;

import org.osgi.service.jdbc.DataSourceFactory;

/**
 * {@code CatalogConstants} is responsible for the names and limits that more than one class of the catalog uses.
 */
final class CatalogConstants {

    /** The database file, directly under DATA_DIR. */
    static final String DATABASE_FILE_NAME = "catalog.db";

    /** pax-jdbc-sqlite registers its {@link DataSourceFactory} with {@code osgi.jdbc.driver.name=sqlite}. */
    static final String SQLITE_DRIVER_FILTER = "(" + DataSourceFactory.OSGI_JDBC_DRIVER_NAME + "=sqlite)";

    /**
     * Only another process (an owner's sqlite3 shell, a backup tool) can hold the lock we wait for: our own writers
     * queue on a Java lock and WAL readers never block. Five seconds rides out a checkpoint or a backup step.
     */
    static final int BUSY_TIMEOUT_MILLIS = 5_000;

    /** A WAL file grown by a full scan is truncated back to this after a checkpoint. */
    static final long JOURNAL_SIZE_LIMIT_BYTES = 64L * 1024 * 1024;

    /** Read connections kept open between reads; more readers than this open and close their own. */
    static final int IDLE_READ_CONNECTIONS = 4;

    /** How long deactivation waits for listeners to hear the last commits. */
    static final Duration LISTENER_DRAIN = Duration.ofSeconds(5);

    private CatalogConstants() {
    }
}
